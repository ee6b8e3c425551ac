import { checkServerEnvAtStartup } from "@/lib/config/server";

/**
 * A production server whose configuration is unsafe (see startupProblems in lib/config/server.ts) exits
 * instead of serving, so a bad deploy fails its health check rather than its first Pioneer.
 */
export function exitOnUnsafeConfig() {
  try {
    checkServerEnvAtStartup();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
