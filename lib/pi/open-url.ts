import { detectHost } from "./detect-host";
import { paysHere } from "./host";
import { getPi } from "./sdk";

/**
 * Opens a link outside the app. Inside Pi Browser (or the Sandbox) Pi's own call does it, so the
 * Pioneer is not taken away from the app; elsewhere, or if Pi cannot, a new tab.
 */
export async function openExternally(url: string): Promise<void> {
  const host = await detectHost().catch(() => null);
  if (paysHere(host)) {
    const pi = await getPi();
    if (pi.openUrlInSystemBrowser) {
      try {
        await pi.openUrlInSystemBrowser(url);
        return;
      } catch {
        // "Failed to open URL", "No minimal requirements": fall back to a new tab.
      }
    }
  }
  window.open(url, "_blank", "noopener,noreferrer");
}
