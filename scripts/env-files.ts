import { existsSync } from "node:fs";

/**
 * Loads .env files for the tools Next doesn't run (tsx scripts, drizzle-kit), in Next's order for
 * the mode NODE_ENV names (`next start`'s files under NODE_ENV=production, `next dev`'s otherwise):
 * earlier files win, and the shell's own variables win over all of them.
 */
export function loadEnvFiles() {
  const mode = process.env.NODE_ENV === "production" ? "production" : "development";
  for (const file of [`.env.${mode}.local`, ".env.local", `.env.${mode}`, ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
