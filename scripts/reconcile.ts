/**
 * `npm run reconcile`: one run of the scheduled jobs (settle every Pioneer's orders from Pi's
 * records, delete dead sessions), for any scheduler: cron, systemd timers, a CI job. Vercel calls
 * GET /api/cron/reconcile instead. It reads the .env files of NODE_ENV's mode, as Next does.
 *
 * package.json runs it with `--conditions=react-server`, so the app's `server-only` modules load
 * outside Next as they do inside it.
 */
import { loadEnvFiles } from "./env-files";

loadEnvFiles();
if (!process.env.DATABASE_URL && !process.argv.includes("--server-stopped")) {
  // PGlite allows one process: opening the files a running server holds could corrupt them.
  console.error(
    [
      "npm run reconcile needs DATABASE_URL (a PostgreSQL database). Without it, it would open the embedded database, which only one process may have open.",
      "Settings in .env.production? Run it as NODE_ENV=production npm run reconcile.",
      "While the server runs: press “Run the reconciler now” on /debug, or call GET /api/cron/reconcile with Authorization: Bearer $CRON_SECRET.",
      "With the server stopped: npm run reconcile -- --server-stopped",
    ].join("\n"),
  );
  process.exit(1);
}
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
