import "server-only";
import type { PayoutStatus } from "@/lib/contract";
import type { Database } from "@/lib/db";
import { notePayout, updatePayoutStatus, type PayoutChanges } from "@/lib/db/repositories/payouts";
import type { Payout } from "@/lib/db/schema";
import { logEvent } from "@/lib/log";
import { toPiPayout, type PiPayout } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";
import type { ChainTx, Expected } from "./rules";
import { canMovePayout } from "./states";
import type { HorizonClient } from "./stellar";

export type PayoutRunCounts = {
  payoutsCompleted: number;
  payoutsNeedConsent: number;
  /** Failed or cancelled in this run: a person looks at them on /debug. */
  payoutsFailed: number;
  /** Still open at the end of the run (waiting for funds, Pi, Horizon, or the next run). */
  payoutsWaiting: number;
};

/** Everything one worker run shares. It lives only as long as the run: a fresh run rebuilds it from the database. */
export type WorkerContext = {
  db: Database;
  horizon: HorizonClient;
  seed: string;
  expected: Expected;
  now: () => Date;
  counts: PayoutRunCounts;
  /** Pi answered feature_not_available: no payout is created with Pi before then. */
  unavailableUntil: Date | null;
  /** What the memo search found for a Pi payment id in this run (null: nothing on chain). */
  memoChecked: Map<string, ChainTx | null>;
  /** Pi's record of payments created in this run: nothing of ours can be on chain for them yet. */
  createdNow: Map<string, PiPayout>;
  /** Payouts whose envelope was built in this run: not on chain before its first submission. */
  builtNow: Set<string>;
  /** Extends the wallet lease; false when it was lost (stop at once). */
  keepLease: () => Promise<boolean>;
};

const finalCounts: Partial<Record<PayoutStatus, keyof PayoutRunCounts>> = {
  completed: "payoutsCompleted",
  needs_consent: "payoutsNeedConsent",
  failed: "payoutsFailed",
  cancelled: "payoutsFailed",
};

/** A legal move as a compare-and-set; null when another worker or retry moved the payout first. */
export async function move(ctx: WorkerContext, payout: Payout, to: PayoutStatus, changes: PayoutChanges = {}): Promise<Payout | null> {
  if (!canMovePayout(payout.status, to)) throw new Error(`illegal payout transition ${payout.status} → ${to}`);
  const row = await updatePayoutStatus(ctx.db, payout.id, payout.status, to, changes, { txid: payout.txid });
  if (!row) return null;
  logEvent("payouts.moved", { payoutId: row.id, from: payout.status, to, paymentId: row.piPaymentId, txid: row.txid, reason: row.lastError });
  const counter = finalCounts[to];
  if (counter) ctx.counts[counter] += 1;
  return row;
}

/** The payout waits in its state; `reason` shows on /debug. Always ends the step. */
export async function note(ctx: WorkerContext, payout: Payout, reason: string): Promise<null> {
  await notePayout(ctx.db, payout.id, payout.status, reason);
  return null;
}

/** Pi's own record of the payout's payment, re-read with the server key. */
export async function readPiPayout(paymentId: string): Promise<PiPayout> {
  return toPiPayout(await piApi.getPayment(paymentId));
}

/** How far back the memo search looks: a payment's transaction is never older than the payment (give or take clocks). */
export function memoSearchSince(pi: PiPayout): Date {
  return new Date((pi.createdAt?.getTime() ?? 0) - 10 * 60 * 1000);
}
