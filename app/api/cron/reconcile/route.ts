import { timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/contract";
import { getSiteEnv } from "@/lib/config/server";
import { route } from "@/lib/http/route";
import { runScheduledJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 60;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET with `Authorization: Bearer <CRON_SECRET>` (what Vercel Cron sends) → {counts} of what the
 * run did. 503 while no CRON_SECRET is configured, 401 for anything else.
 */
export const GET = route("cron.reconcile", async (request) => {
  const { cronSecret } = getSiteEnv();
  if (!cronSecret) throw new AppError("cron_not_configured", "Set CRON_SECRET to enable the scheduled reconciler.");
  const given = request.headers.get("authorization")?.match(/^Bearer (.+)$/)?.[1] ?? "";
  if (!sameSecret(given, cronSecret)) throw new AppError("unauthenticated", "This route is for the scheduler only.");
  return Response.json({ counts: await runScheduledJobs("cron", { budgetMs: 45_000 }) });
});
