import "server-only";
import { getDb } from "@/lib/db";
import { deleteReconcileRunsBefore, insertReconcileRun } from "@/lib/db/repositories/reconcile-runs";
import { deleteStaleRateLimits } from "@/lib/db/repositories/rate-limits";
import { deleteDeadSessions } from "@/lib/db/repositories/sessions";
import { getPaymentsEnv } from "@/lib/config/server";
import { logEvent } from "@/lib/log";
import { reconcileOrders, type ReconcileCounts } from "@/lib/payments";

/**
 * The scheduled run: GET /api/cron/reconcile (Vercel Cron), `npm run reconcile` (any cron), or an
 * admin's button. It needs no Pioneer: it settles every Pioneer's orders from Pi's records, then
 * sweeps what can never be used again. Safe to run at any time and several times at once.
 */

export type RunTrigger = "cron" | "cli" | "admin";
export type RunCounts = ReconcileCounts & { sessionsDeleted: number; rateLimitsDeleted: number };

const dayMs = 24 * 60 * 60 * 1000;

export async function runScheduledJobs(trigger: RunTrigger, options: { budgetMs?: number } = {}): Promise<RunCounts> {
  const startedAt = new Date();
  const orders = await reconcileOrders({ olderThanMs: getPaymentsEnv().reconcileAfterMs, ...options });
  const db = await getDb();
  const now = new Date();
  const sessionsDeleted = await deleteDeadSessions(db, now);
  const rateLimitsDeleted = await deleteStaleRateLimits(db, new Date(now.getTime() - 60_000));
  await deleteReconcileRunsBefore(db, new Date(now.getTime() - 30 * dayMs));
  const counts: RunCounts = { ...orders, sessionsDeleted, rateLimitsDeleted };
  await insertReconcileRun(db, { trigger, startedAt, finishedAt: new Date(), counts });
  logEvent("reconcile.run", { trigger, ...counts, ms: Date.now() - startedAt.getTime() });
  return counts;
}
