// Shared by the Horizon and payout tests: the real @stellar/stellar-sdk client pointed at the emulator's Horizon.
import { Asset, Horizon, Keypair, Memo, Operation, TransactionBuilder, type Account, type Transaction } from "@stellar/stellar-sdk";
import { z } from "zod";
import type { EmulatorClient } from "./helpers";

export const accountSchema = z.object({ publicKey: z.string(), balance: z.string(), sequence: z.string() });
const secretAccountSchema = accountSchema.extend({ secret: z.string() });
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  extras: z.looseObject({ result_codes: z.object({ transaction: z.string(), operations: z.array(z.string()).optional() }).optional() }).optional(),
});

export function horizonOf(emu: EmulatorClient): Horizon.Server {
  return new Horizon.Server(`${emu.emulator.url}/horizon`, { allowHttp: true });
}

export async function appWallet(emu: EmulatorClient): Promise<Keypair> {
  return Keypair.fromSecret(secretAccountSchema.parse((await emu.control("GET", "/horizon/app-wallet")).body).secret);
}

/** A new funded account on the emulator's chain, with its secret. */
export async function fundedAccount(emu: EmulatorClient, balance: string): Promise<Keypair> {
  return Keypair.fromSecret(secretAccountSchema.parse((await emu.control("POST", "/horizon/accounts", { balance })).body).secret);
}

export async function balanceOf(emu: EmulatorClient, publicKey: string): Promise<string> {
  return accountSchema.parse((await emu.control("GET", `/horizon/accounts/${publicKey}`)).body).balance;
}

export interface PaymentSpec {
  to: string;
  amount: string;
  memo?: string;
  fee?: string;
  passphrase?: string;
  /** Seconds from now; 0: no upper time bound. */
  timeout?: number;
  timebounds?: { minTime: number; maxTime: number };
}

/** One native payment, signed by `signer`, built on `account` (whose sequence the builder increments). */
export function payment(account: Account, signer: Keypair, spec: PaymentSpec): Transaction {
  const builder = new TransactionBuilder(account, { fee: spec.fee ?? "100000", networkPassphrase: spec.passphrase ?? "Pi Testnet", timebounds: spec.timebounds })
    .addOperation(Operation.payment({ destination: spec.to, asset: Asset.native(), amount: spec.amount }))
    .addMemo(spec.memo === undefined ? Memo.none() : Memo.text(spec.memo));
  if (!spec.timebounds) builder.setTimeout(spec.timeout ?? 180);
  const tx = builder.build();
  tx.sign(signer);
  return tx;
}

export const hashOf = (tx: Transaction) => Buffer.from(tx.hash()).toString("hex");

/** The status and Horizon problem of a rejected SDK call (the SDK rejects with the HTTP error, or a NotFoundError). */
export async function refusal(promise: Promise<unknown>): Promise<{ status: number; problem: z.infer<typeof problemSchema> }> {
  try {
    await promise;
  } catch (error) {
    const response = z.object({ response: z.unknown() }).parse(error).response;
    const withStatus = z.object({ status: z.number(), data: problemSchema }).safeParse(response);
    if (withStatus.success) return { status: withStatus.data.status, problem: withStatus.data.data };
    const problem = problemSchema.parse(response);
    return { status: problem.status, problem };
  }
  throw new Error("Expected Horizon to refuse the call.");
}

/** The result codes of a refused submission. */
export async function resultCodes(promise: Promise<unknown>) {
  const { status, problem } = await refusal(promise);
  if (status !== 400 || problem.type !== "https://stellar.org/horizon-errors/transaction_failed") {
    throw new Error(`Expected transaction_failed, got ${status} ${JSON.stringify(problem)}`);
  }
  return problem.extras?.result_codes;
}

/** POSTs an envelope as the SDK does (form-encoded), for envelopes the SDK would refuse to build. */
export async function postEnvelope(emu: EmulatorClient, envelopeXdr: string) {
  const res = await fetch(`${emu.emulator.url}/horizon/transactions`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: `tx=${encodeURIComponent(envelopeXdr)}`,
  });
  return { status: res.status, contentType: res.headers.get("content-type"), problem: problemSchema.parse(await res.json()) };
}
