import { existsSync } from "node:fs";
import { defineConfig } from "drizzle-kit";
import { getDbEnv } from "./lib/env";

// drizzle-kit reads no .env files; load them as `next dev` would (earlier files win, the shell wins
// over all) so `drizzle-kit studio`/`push` reach the same database as the app.
for (const file of [".env.development.local", ".env.local", ".env.development", ".env"]) {
  if (existsSync(file)) process.loadEnvFile(file);
}
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
