import { loadEnvFiles } from "./scripts/env-files";
import { defineConfig } from "drizzle-kit";
import { getDbEnv } from "./lib/env";

// Read .env files as `next dev` does, so this reaches the same database as the app.
loadEnvFiles();
const { databaseUrl, pgliteDir } = getDbEnv();

// `generate` only diffs lib/db/schema.ts against lib/db/migrations; the credentials serve
// studio/push. This file must not import `server-only` (drizzle-kit loads it in plain Node).
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
  strict: true,
  ...(databaseUrl ? { dbCredentials: { url: databaseUrl } } : { driver: "pglite", dbCredentials: { url: pgliteDir } }),
});
