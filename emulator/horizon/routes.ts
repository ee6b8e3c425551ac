// The emulator's Horizon, under /horizon: one base URL (e.g. http://127.0.0.1:3314/horizon) for the app's
// PI_HORIZON_URL. Calls are logged with the Platform API's, and faults apply to them.
//
//   GET  /horizon                                  root (network_passphrase, latest ledger)
//   GET  /horizon/fee_stats                        Pi's flat 0.01 π fee
//   GET  /horizon/accounts/:id                     sequence and native balance; 404 problem when missing
//   GET  /horizon/accounts/:id/transactions        ?order=asc|desc&limit=1..200&cursor=…&include_failed=
//   GET  /horizon/transactions/:hash               404 problem when unknown
//   POST /horizon/transactions                     form-encoded tx=<base64 envelope>
import { setTimeout as sleep } from "node:timers/promises";
import { StrKey } from "@stellar/stellar-sdk";
import type { EmulatorContext } from "../context";
import { json, matchRoute, type EmulatorRequest, type EmulatorResponse, type Parsed } from "../http";
import type { Routed } from "../router";
import { PIONEER_WALLET_BALANCE } from "./ledger";
import { badRequest, faultProblem, notFoundProblem, timeoutProblem, transactionFailed, transactionMalformed, unsupportedMediaType } from "./problems";
import { accountResource, feeStatsResource, rootResource, transactionResource, transactionsPage, type PageQuery } from "./resources";
import type { ForceableCode } from "./result-codes";
import { submitTransaction } from "./submit";

const PREFIX = "/horizon";
const hal = (value: unknown): EmulatorResponse => ({ ...json(200, value), headers: { "Content-Type": "application/hal+json; charset=utf-8" } });

export const isHorizonPath = (path: string) => path === PREFIX || path.startsWith(`${PREFIX}/`);

/** Every Pioneer has a funded wallet on the chain (so payouts have a destination), unless a test removed it. */
export function syncPioneerWallets(ctx: EmulatorContext): void {
  ctx.ledger.ensureAccounts(ctx.store.listPioneers().map((p) => p.walletAddress), PIONEER_WALLET_BALANCE);
}

export async function handleHorizon(req: EmulatorRequest, ctx: EmulatorContext): Promise<Routed> {
  ctx.store.logCall(req.method, req.path);
  const fault = ctx.faults.take(req.method, req.path);
  if (fault?.mode === "error") return { response: faultProblem(fault.status ?? 500, fault.error, fault.message) };
  if (fault?.mode === "delay") await sleep(fault.ms ?? 0, undefined, { ref: false });
  syncPioneerWallets(ctx);
  const response = route(req, ctx, fault?.mode === "reject" ? fault.code : undefined);
  // As behind Pi's proxy: the transaction was applied, but the answer never made it back.
  if (fault?.mode === "timeout-after-apply") return { response: timeoutProblem() };
  return { response, dropConnection: fault?.mode === "drop-response" };
}

function route(req: EmulatorRequest, ctx: EmulatorContext, forced: ForceableCode | undefined): EmulatorResponse {
  const path = req.path.slice(PREFIX.length) || "/";
  const base = `http://${req.headers.host ?? "127.0.0.1"}${PREFIX}`;
  const { ledger, options } = ctx;
  if (req.method === "POST" && path === "/transactions") return submit(req, ctx, forced);
  if (req.method !== "GET") return notFoundProblem();
  if (path === "/" || path === "") return hal(rootResource(base, options.network, ledger.latest));
  if (path === "/fee_stats") return hal(feeStatsResource(ledger.latest));

  const account = matchRoute("/accounts/:id", path);
  if (account?.id !== undefined) {
    if (!StrKey.isValidEd25519PublicKey(account.id)) return badRequest("account_id", "Account ID must start with `G` and contain 56 alphanum characters");
    const found = ledger.getAccount(account.id);
    return found ? hal(accountResource(base, found)) : notFoundProblem();
  }
  const history = matchRoute("/accounts/:id/transactions", path);
  if (history?.id !== undefined) {
    const id = history.id;
    const query = parsePageQuery(req.query);
    if (!query.ok) return query.response;
    if (!ledger.knows(id)) return notFoundProblem();
    return hal(transactionsPage(base, `/accounts/${id}/transactions`, query.value, ledger.listTransactions((t) => t.participants.includes(id))));
  }
  const tx = matchRoute("/transactions/:hash", path);
  if (tx?.hash !== undefined) {
    if (!/^[0-9a-f]{64}$/.test(tx.hash)) return badRequest("tx_id", "Transaction hash must be a hex-encoded, lowercase SHA-256 hash");
    const found = ledger.getTransaction(tx.hash);
    return found ? hal(transactionResource(base, found)) : notFoundProblem();
  }
  return notFoundProblem();
}

function submit(req: EmulatorRequest, ctx: EmulatorContext, forced: ForceableCode | undefined): EmulatorResponse {
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return unsupportedMediaType();
  const envelope = new URLSearchParams(req.body).get("tx");
  if (!envelope) return badRequest("tx", "Transaction is missing: send tx=<base64 TransactionEnvelope>");
  const result = submitTransaction(ctx.ledger, envelope, ctx.options.network, ctx.now(), forced);
  const base = `http://${req.headers.host ?? "127.0.0.1"}${PREFIX}`;
  switch (result.kind) {
    case "malformed":
      return transactionMalformed(envelope);
    case "rejected":
      return transactionFailed(envelope, result.resultXdr, { transaction: result.code });
    case "applied":
      return result.tx.successful ? hal(transactionResource(base, result.tx)) : transactionFailed(envelope, result.tx.resultXdr, result.tx.resultCodes);
  }
}

function parsePageQuery(query: URLSearchParams): Parsed<PageQuery> {
  const order = query.get("order") ?? "asc";
  if (order !== "asc" && order !== "desc") return { ok: false, response: badRequest("order", "order must be asc or desc") };
  const limitText = query.get("limit") ?? "10";
  const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
  if (!(limit >= 1 && limit <= 200)) return { ok: false, response: badRequest("limit", "limit must be an integer from 1 to 200") };
  const cursorText = query.get("cursor") ?? "";
  if (cursorText !== "" && cursorText !== "now" && !/^\d{1,20}$/.test(cursorText)) {
    return { ok: false, response: badRequest("cursor", "cursor must be a paging token") };
  }
  // "now" means "from the latest on": nothing newer exists in ascending order, everything is older in descending.
  const cursor = cursorText === "" ? undefined : cursorText === "now" ? 2n ** 63n : BigInt(cursorText);
  const includeFailed = query.get("include_failed") === "true";
  return { ok: true, value: { order, limit, cursor, includeFailed } };
}
