/**
 * `npm run db:migrate`: applies pending migrations to the configured database (DATABASE_URL, or
 * PGlite at PGLITE_DIR, default .data/pglite) and exits. The app also migrates on first use; run
 * this before deploying, or to prepare a database ahead of time.
 *
 * package.json runs it with `--conditions=react-server`, so the server-only configuration loads
 * outside Next as it does inside it.
 */
import { loadEnvFiles } from "./env-files";
import { migrateDatabase } from "@/lib/db/migrate";
import { getDbEnv } from "@/lib/config/server";

// Read .env files as Next does for NODE_ENV (`next dev`, or `next start` under NODE_ENV=production), so this reaches the same database as the app.
loadEnvFiles();

function describe({ databaseUrl, pgliteDir }: { databaseUrl?: string | undefined; pgliteDir: string }) {
  if (!databaseUrl) return `PGlite at ${pgliteDir}`;
  const url = new URL(databaseUrl);
  return `PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ""}${url.pathname}`; // no credentials
}

try {
  const config = getDbEnv();
  console.log(`Migrating ${describe(config)} …`);
  const started = performance.now();
  const { applied, total } = await migrateDatabase(config);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    applied === 0
      ? `Already up to date (${total} migration${total === 1 ? "" : "s"}; ${seconds} s).`
      : `Applied ${applied} migration${applied === 1 ? "" : "s"} (${total} in total; ${seconds} s).`,
  );
} catch (error) {
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
