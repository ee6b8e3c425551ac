import { loadEnvFiles } from "./scripts/env-files";
import { defineConfig } from "drizzle-kit";
import { getDbEnv } from "./lib/config/server";

// Read .env files as Next does for NODE_ENV (`next dev`, or `next start` under NODE_ENV=production), so this reaches the same database as the app.
loadEnvFiles();
const { databaseUrl, pgliteDir } = getDbEnv();

// `generate` only diffs lib/db/schema.ts against lib/db/migrations; the credentials serve
// studio/push. package.json runs drizzle-kit with --conditions=react-server, so the server-only
// configuration module loads here as it does inside Next.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
  strict: true,
  ...(databaseUrl ? { dbCredentials: { url: databaseUrl } } : { driver: "pglite", dbCredentials: { url: pgliteDir } }),
});
