/**
 * `npm run reconcile`: one run of the scheduled jobs (settle every Pioneer's orders from Pi's
 * records, delete dead sessions), for any scheduler: cron, systemd timers, a CI job. Vercel calls
 * GET /api/cron/reconcile instead.
 *
 * package.json runs it with `--conditions=react-server`, so the app's `server-only` modules load
 * outside Next as they do inside it.
 */
import { loadEnvFiles } from "./env-files";

loadEnvFiles();
const { runScheduledJobs } = await import("@/lib/jobs");
const { closeDb } = await import("@/lib/db");

try {
  const counts = await runScheduledJobs("cli");
  console.log(JSON.stringify({ event: "reconcile", trigger: "cli", ...counts }));
} catch (error) {
  console.error(`Reconcile failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await closeDb();
}
