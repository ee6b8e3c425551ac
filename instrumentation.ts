/** Runs once when the server starts. The check is Node-only (it may exit the process). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { exitOnUnsafeConfig } = await import("@/lib/startup-check");
    exitOnUnsafeConfig();
  }
}
