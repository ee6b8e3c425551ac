import { existsSync } from "node:fs";

/**
 * Loads .env files for the tools Next doesn't run (tsx scripts, drizzle-kit), in `next dev`'s
 * order: earlier files win, and the shell's own variables win over all of them.
 */
export function loadEnvFiles() {
  for (const file of [".env.development.local", ".env.local", ".env.development", ".env"]) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
