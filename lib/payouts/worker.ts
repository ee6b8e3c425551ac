import "server-only";
import { randomUUID } from "node:crypto";
import { getPayoutsEnv, getPiEnv } from "@/lib/config/server";
import { getDb } from "@/lib/db";
import { findWallet, acquireLease, releaseLease, renewLease } from "@/lib/db/repositories/payout-wallets";
import { listOpenPayouts, notePayout, requeueAfterSignIn } from "@/lib/db/repositories/payouts";
import type { Payout } from "@/lib/db/schema";
import { logError, logEvent } from "@/lib/log";
import { PiApiError } from "@/lib/pi/errors";
import type { PayoutRunCounts, WorkerContext } from "./context";
import { recoverOpenPayments } from "./recovery";
import { buildEnvelope, completeWithPi, createWithPi, settleEnvelope } from "./steps";
import { horizonClient, walletPublicKey } from "./stellar";

export type { PayoutRunCounts } from "./context";

/** A lease outlives the slowest single step (each Pi or Horizon call has PI_API_TIMEOUT_MS); it is renewed before each one. */
const leaseMs = 90_000;
/** A payout goes queued → completed in five steps; more in one run means something loops. */
const maxStepsPerPayout = 8;

export type PayoutRunOptions = {
  now?: () => Date;
  /** Stop starting new steps after this time (epoch ms). */
  deadline?: number;
};

const noCounts = (): PayoutRunCounts => ({ payoutsCompleted: 0, payoutsNeedConsent: 0, payoutsFailed: 0, payoutsWaiting: 0 });

/**
 * The payout worker: one run pays what is queued and settles what is under way, one payout and one
 * submission at a time, under a lease on the app wallet (one worker per wallet, across instances).
 * It runs only from the scheduled run (lib/jobs), never inside a Pioneer's request: a refund or a
 * reward only queues a row. Everything it knows comes from the database, Pi and Horizon, so a run
 * that dies anywhere is finished by the next one.
 */
export async function runPayouts(options: PayoutRunOptions = {}): Promise<PayoutRunCounts> {
  const counts = noCounts();
  const env = getPayoutsEnv();
  if (!env.enabled || !env.seed) return counts;
  const now = options.now ?? (() => new Date());
  const deadline = options.deadline ?? now().getTime() + 20_000;
  const db = await getDb();
  const publicKey = walletPublicKey(env.seed);
  const holder = randomUUID();
  const until = () => new Date(now().getTime() + leaseMs);
  if (!(await acquireLease(db, publicKey, holder, now(), until()))) {
    logEvent("payouts.wallet_busy", { reason: "another worker holds the wallet's lease" });
    return counts;
  }
  const wallet = await findWallet(db, publicKey);
  const ctx: WorkerContext = {
    db,
    horizon: horizonClient(env.horizonUrl, getPiEnv().timeoutMs),
    seed: env.seed,
    expected: { network: env.network, walletPublicKey: publicKey },
    now,
    counts,
    unavailableUntil: wallet?.unavailableUntil ?? null,
    memoChecked: new Map(),
    createdNow: new Map(),
    builtNow: new Set(),
    keepLease: () => renewLease(db, publicKey, holder, now(), until()),
  };
  try {
    await requeueAfterSignIn(db);
    await recoverOpenPayments(ctx);
    for (const payout of await listOpenPayouts(db)) {
      if (now().getTime() >= deadline || !(await ctx.keepLease())) break;
      await advance(ctx, payout);
    }
  } finally {
    await releaseLease(db, publicKey, holder).catch(() => undefined);
  }
  return counts;
}

/** Takes a payout as far as it goes now, step by step, until it waits or is settled. */
async function advance(ctx: WorkerContext, payout: Payout): Promise<void> {
  let current: Payout | null = payout;
  for (let step = 0; current && step < maxStepsPerPayout; step++) {
    if (step > 0 && !(await ctx.keepLease())) break;
    const from: Payout = current;
    try {
      current = await stepOnce(ctx, from);
    } catch (error) {
      // Pi or Horizon did not answer (or the database failed): the payout waits for the next run as it is.
      const code = error instanceof PiApiError ? error.code : error instanceof Error ? error.name : "error";
      logError("payouts.step_failed", { payoutId: from.id, status: from.status, paymentId: from.piPaymentId, code });
      await notePayout(ctx.db, from.id, from.status, code).catch(() => undefined);
      current = null;
    }
    if (current && ["completed", "failed", "cancelled", "needs_consent"].includes(current.status)) return;
  }
  ctx.counts.payoutsWaiting += 1;
}

function stepOnce(ctx: WorkerContext, payout: Payout): Promise<Payout | null> {
  switch (payout.status) {
    case "queued":
      return createWithPi(ctx, payout);
    case "created":
      return buildEnvelope(ctx, payout);
    case "signed":
    case "submitted":
      return settleEnvelope(ctx, payout);
    case "on_chain":
      return completeWithPi(ctx, payout);
    default:
      return Promise.resolve(null);
  }
}
