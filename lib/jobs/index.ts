import "server-only";
import { getDb } from "@/lib/db";
import { deleteReconcileRunsBefore, insertReconcileRun } from "@/lib/db/repositories/reconcile-runs";
import { deleteStaleRateLimits } from "@/lib/db/repositories/rate-limits";
import { deleteDeadSessions } from "@/lib/db/repositories/sessions";
import { getPaymentsEnv } from "@/lib/config/server";
import { recheckAdRewards, type AdRecheckCounts } from "@/lib/ads";
import { logError, logEvent } from "@/lib/log";
import { reconcileOrders, type ReconcileCounts } from "@/lib/payments";
import { runPayouts, type PayoutRunCounts } from "@/lib/payouts";

/**
 * The scheduled run: GET /api/cron/reconcile (Vercel Cron), `npm run reconcile` (any cron), or an
 * admin's button. It needs no Pioneer: it settles every Pioneer's orders from Pi's records, pays
 * the queued payouts (the only place payouts are ever paid), re-checks pending ad rewards, then
 * sweeps what can never be used again. Safe to run at any time and several times at once.
 */

export type RunTrigger = "cron" | "cli" | "admin";
export type RunCounts = ReconcileCounts & PayoutRunCounts & AdRecheckCounts & { sessionsDeleted: number; rateLimitsDeleted: number };

const dayMs = 24 * 60 * 60 * 1000;

/** A part of the run that fails (a misconfigured wallet seed, Pi down) does not stop the others. */
async function isolated<T>(name: string, work: () => Promise<T>, none: T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    logError(`${name}.run_failed`, { error: error instanceof Error ? error.name : "error", cause: error instanceof Error ? error.message : null });
    return none;
  }
}

export async function runScheduledJobs(trigger: RunTrigger, options: { budgetMs?: number } = {}): Promise<RunCounts> {
  const startedAt = new Date();
  const budgetMs = options.budgetMs ?? 50_000;
  const deadline = startedAt.getTime() + budgetMs;
  // Orders first (Pioneers wait on them), then payouts and ad rewards in what is left of the budget.
  const orders = await reconcileOrders({ olderThanMs: getPaymentsEnv().reconcileAfterMs, budgetMs: Math.round(budgetMs * 0.6) });
  const payouts = await isolated("payouts", () => runPayouts({ deadline }), { payoutsCompleted: 0, payoutsNeedConsent: 0, payoutsFailed: 0, payoutsWaiting: 0 });
  const ads = await isolated("ad_rewards", () => recheckAdRewards({ deadline }), { adRewardsGranted: 0, adRewardsRevoked: 0, adRewardsRefused: 0 });
  const db = await getDb();
  const now = new Date();
  const sessionsDeleted = await deleteDeadSessions(db, now);
  const rateLimitsDeleted = await deleteStaleRateLimits(db, new Date(now.getTime() - 60_000));
  await deleteReconcileRunsBefore(db, new Date(now.getTime() - 30 * dayMs));
  const counts: RunCounts = { ...orders, ...payouts, ...ads, sessionsDeleted, rateLimitsDeleted };
  await insertReconcileRun(db, { trigger, startedAt, finishedAt: new Date(), counts });
  logEvent("reconcile.run", { trigger, ...counts, ms: Date.now() - startedAt.getTime() });
  return counts;
}
