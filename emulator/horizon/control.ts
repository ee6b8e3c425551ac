// /control/horizon/*: the test levers of the emulator's chain. It is a fake chain, so the control API hands
// out secret seeds: the app wallet's (a public test seed) and those of accounts it generates.
//
//   GET    /control/horizon/app-wallet        {publicKey, secret, balance, sequence}
//   GET    /control/horizon/accounts          {accounts: [{publicKey, balance, sequence}]}
//   POST   /control/horizon/accounts {publicKey?, balance}   creates it (201; a new keypair, with its `secret`,
//                                              when no publicKey is given), or sets an existing one's balance (200)
//   GET    /control/horizon/accounts/:id      {publicKey, balance, sequence}
//   DELETE /control/horizon/accounts/:id      removes it (payments to it fail with op_no_destination)
//   GET    /control/horizon/transactions      {transactions: [...]}, in ledger order
import { Keypair, StrKey } from "@stellar/stellar-sdk";
import { z } from "zod";
import type { EmulatorContext } from "../context";
import { apiError, json, matchRoute, parseBody, type EmulatorRequest, type EmulatorResponse } from "../http";
import { formatPi, parsePi } from "./amounts";
import type { LedgerAccount, LedgerTransaction } from "./ledger";
import { syncPioneerWallets } from "./routes";

const balanceSchema = z
  .union([z.string(), z.number().nonnegative().transform((n) => n.toFixed(7))])
  .refine((text) => parsePi(text) !== undefined, "balance: a π amount with at most 7 decimals, e.g. \"100\" or \"0.5\"")
  .transform((text) => parsePi(text) ?? 0n);
const accountBodySchema = z.object({
  publicKey: z.string().refine((k) => StrKey.isValidEd25519PublicKey(k), "publicKey must be a G… account id").optional(),
  balance: balanceSchema,
});

const accountView = (a: LedgerAccount) => ({ publicKey: a.id, balance: formatPi(a.balance), sequence: a.sequence.toString() });

const transactionView = (t: LedgerTransaction) => ({
  hash: t.hash,
  ledger: t.ledger,
  createdAt: new Date(t.createdAt).toISOString(),
  sourceAccount: t.source,
  successful: t.successful,
  memoType: t.memoType,
  memo: t.memo,
  resultCodes: t.resultCodes,
  payments: t.payments.map((p) => ({ from: p.from, to: p.to, amount: formatPi(p.amount) })),
});

const unknownAccount = (id: string) => apiError(404, "not_found", `No account ${id} on the emulator's chain.`);

/** Answers a /control/horizon route, or returns undefined when the request is not one. */
export function handleHorizonControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  if (!req.path.startsWith("/control/horizon/")) return undefined;
  syncPioneerWallets(ctx);
  const { ledger } = ctx;
  switch (`${req.method} ${req.path}`) {
    case "GET /control/horizon/app-wallet": {
      const { publicKey, secret } = ledger.appWallet;
      const account = ledger.getAccount(publicKey);
      return json(200, { ...(account ? accountView(account) : { publicKey, balance: null, sequence: null }), secret });
    }
    case "GET /control/horizon/accounts":
      return json(200, { accounts: ledger.listAccounts().map(accountView) });
    case "POST /control/horizon/accounts":
      return putAccount(req, ctx);
    case "GET /control/horizon/transactions":
      return json(200, { transactions: ledger.listTransactions().map(transactionView) });
  }
  const id = matchRoute("/control/horizon/accounts/:id", req.path)?.id;
  if (id === undefined) return undefined;
  if (req.method === "GET") {
    const account = ledger.getAccount(id);
    return account ? json(200, accountView(account)) : unknownAccount(id);
  }
  if (req.method === "DELETE") return ledger.removeAccount(id) ? json(200, { publicKey: id, removed: true }) : unknownAccount(id);
  return undefined;
}

function putAccount(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const body = parseBody(req, accountBodySchema);
  if (!body.ok) return body.response;
  const { publicKey, balance } = body.value;
  if (publicKey !== undefined) {
    const existed = ctx.ledger.getAccount(publicKey) !== undefined;
    return json(existed ? 200 : 201, accountView(ctx.ledger.putAccount(publicKey, balance)));
  }
  const keypair = Keypair.random();
  return json(201, { ...accountView(ctx.ledger.putAccount(keypair.publicKey(), balance)), secret: keypair.secret() });
}

/** Part of POST /control/reset: a fresh chain (same app wallet keypair), and payouts available again. */
export function resetChain(ctx: EmulatorContext): void {
  ctx.ledger.reset();
  ctx.payouts.available = true;
}
