import "server-only";
import { Account, Asset, Horizon, Keypair, Memo, NotFoundError, Operation, TransactionBuilder } from "@stellar/stellar-sdk";
import { z } from "zod";
import { EnvError } from "@/lib/config/parse";
import { isLoopbackUrl } from "@/lib/config/public";
import type { ChainTx } from "./rules";

/**
 * Our small Stellar client for Pi's chain: sign one native payment, submit it, and look it up.
 * Pi's Node SDK cannot be pointed at another Horizon, so this takes its URL (PI_HORIZON_URL) like
 * piApi takes PI_API_BASE_URL, and the emulator's Horizon stands in for Pi's in development.
 */

/** Horizon could not be asked (timeout, 5xx, network): nothing can be concluded from it. */
export class HorizonUnavailableError extends Error {
  override name = "HorizonUnavailableError";
}

/** What became of a submitted envelope, as far as Horizon's answer tells. */
export type SubmitOutcome =
  | { kind: "applied" }
  /** Applied and failed (`tx_failed`): the fee was charged and the sequence number used. */
  | { kind: "failed_on_chain"; code: string }
  /** Refused before any ledger took it (tx_bad_seq, tx_too_late, malformed…): nothing moved. */
  | { kind: "refused"; code: string }
  /** No clear answer (timeout, 504, 5xx, network): it may or may not be on chain. */
  | { kind: "unknown"; reason: string };

/** The app wallet's public key, from the secret seed (which never leaves this module's callers). */
export function walletPublicKey(seed: string): string {
  try {
    return Keypair.fromSecret(seed).publicKey();
  } catch {
    throw new EnvError("Invalid configuration:\n- PI_WALLET_SEED: is not a valid secret seed (its checksum does not match). Copy it again from the Pi Developer Portal.");
  }
}

export type PaymentEnvelope = { envelopeXdr: string; hash: string };

/**
 * One native payment from the wallet, with the Pi payment id as its text memo and an upper time
 * bound, signed for `network` (Pi's network names are the Stellar passphrases). The hash is computed
 * here, before anything is sent: it is the transaction's id on chain.
 */
export function signPayment(p: { seed: string; sequence: string; to: string; amount: string; memo: string; feeUnits: bigint; network: string; validUntil: Date }): PaymentEnvelope {
  const keypair = Keypair.fromSecret(p.seed);
  const tx = new TransactionBuilder(new Account(keypair.publicKey(), p.sequence), {
    fee: p.feeUnits.toString(),
    networkPassphrase: p.network,
    timebounds: { minTime: 0, maxTime: Math.floor(p.validUntil.getTime() / 1000) },
  })
    .addOperation(Operation.payment({ destination: p.to, asset: Asset.native(), amount: p.amount }))
    .addMemo(Memo.text(p.memo))
    .build();
  tx.sign(keypair);
  // hash() is a Uint8Array in this SDK: String() of it would be a comma list (toolchain.md P17).
  return { envelopeXdr: tx.toEnvelope().toXDR("base64"), hash: Buffer.from(tx.hash()).toString("hex") };
}

const recordSchema = z.looseObject({ hash: z.string(), successful: z.boolean(), created_at: z.string(), source_account: z.string(), memo_type: z.string(), memo: z.string().optional() });
const problemSchema = z.looseObject({
  type: z.string().optional(),
  extras: z.looseObject({ result_codes: z.looseObject({ transaction: z.string() }).optional() }).optional(),
});

const unavailable = (what: string, error: unknown) => new HorizonUnavailableError(`${what}: ${error instanceof Error ? error.message : "no answer"}`);

export type HorizonClient = ReturnType<typeof horizonClient>;

export function horizonClient(url: string, timeoutMs: number) {
  const server = new Horizon.Server(url, { allowHttp: isLoopbackUrl(url) });
  server.httpClient.defaults.timeout = timeoutMs;

  const read = async <T>(what: string, request: () => Promise<T>): Promise<T | null> => {
    try {
      return await request();
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw unavailable(what, error);
    }
  };

  return {
    /** The wallet's sequence number and native balance; null when the account is not on chain. */
    async account(publicKey: string): Promise<{ sequence: string; balance: string } | null> {
      const account = await read("load account", () => server.loadAccount(publicKey));
      if (!account) return null;
      const native = account.balances.find((b) => b.asset_type === "native");
      return { sequence: account.sequenceNumber(), balance: native?.balance ?? "0" };
    },

    /** Pi's fee per operation, in units of 10⁻⁷ π (0.01 π). */
    async baseFee(): Promise<bigint> {
      return BigInt((await read("fee stats", () => server.fetchBaseFee())) ?? 100_000);
    },

    /** The transaction with this hash, successful or failed; null when Horizon has never seen it. */
    async transaction(hash: string): Promise<ChainTx | null> {
      const record = await read("transaction", () => server.transactions().transaction(hash).call());
      if (!record) return null;
      const { successful } = recordSchema.parse(record);
      return { hash, successful };
    },

    /**
     * A successful transaction the wallet itself sent with `memo` (Horizon lists only successful ones
     * unless asked), searched newest first back to `since`: a payment's transaction is never older
     * than the payment. Null when there is none. Transactions others sent to the wallet never count:
     * anyone can send one with a payout's payment id as its memo.
     */
    async findByMemo(publicKey: string, memo: string, since: Date, maxPages = 10): Promise<ChainTx | null> {
      let page = await read("transactions", () => server.transactions().forAccount(publicKey).order("desc").limit(200).call());
      for (let n = 0; page && page.records.length > 0 && n < maxPages; n++) {
        for (const raw of page.records) {
          const record = recordSchema.parse(raw);
          if (Date.parse(record.created_at) < since.getTime()) return null;
          if (record.source_account === publicKey && record.memo_type === "text" && record.memo === memo) return { hash: record.hash, successful: record.successful };
        }
        const current = page;
        page = await read("transactions", () => current.next());
      }
      return null;
    },

    /** POST /transactions with a stored envelope; every answer that is not Horizon's verdict is `unknown`. */
    async submit(envelopeXdr: string): Promise<SubmitOutcome> {
      let response: Response;
      try {
        response = await fetch(`${url}/transactions`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
          body: new URLSearchParams({ tx: envelopeXdr }).toString(),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: "error",
          cache: "no-store",
        });
      } catch (error) {
        return { kind: "unknown", reason: error instanceof Error && error.name === "TimeoutError" ? "timeout" : "network_error" };
      }
      const body: unknown = await response.json().catch(() => null);
      if (response.ok) return recordSchema.safeParse(body).data?.successful === true ? { kind: "applied" } : { kind: "unknown", reason: "bad_response" };
      if (response.status !== 400) return { kind: "unknown", reason: `http_${response.status}` };
      const problem = problemSchema.safeParse(body).data;
      const code = problem?.extras?.result_codes?.transaction ?? (problem?.type?.endsWith("transaction_malformed") ? "tx_malformed" : "");
      if (code === "tx_failed") return { kind: "failed_on_chain", code };
      return code ? { kind: "refused", code } : { kind: "unknown", reason: "http_400" };
    },
  };
}
