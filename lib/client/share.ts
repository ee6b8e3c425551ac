import { paysHere, type Host } from "@/lib/pi/host";

/** Puts `text` on the clipboard; false when the browser refuses (no permission, no secure context). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

export type ShareOutcome = "shared" | "dismissed" | "copied" | "failed";

/** The host as the session knows it, or, when a Pioneer shares before that is known, as detected now. */
async function knownHost(host: Host | null): Promise<Host> {
  if (host) return host;
  const { detectHost } = await import("@/lib/pi/detect-host");
  return detectHost().catch((): Host => "browser");
}

/**
 * Shares the app the best way the host offers: Pi Browser's share sheet, else the Web Share API
 * (phones and most desktop browsers), else the link on the clipboard.
 */
export async function shareApp(host: Host | null, content: { title: string; message: string; url: string }): Promise<ShareOutcome> {
  if (paysHere(await knownHost(host))) {
    // The SDK wrapper loads on the first share, not with the page that shows the button.
    const { getPi } = await import("@/lib/pi/sdk");
    const pi = await getPi().catch(() => null);
    if (pi?.openShareDialog) {
      pi.openShareDialog(content.title, content.message);
      return "shared";
    }
  }
  if (typeof navigator.share === "function") {
    try {
      await navigator.share({ title: content.title, text: content.message, url: content.url });
      return "shared";
    } catch (error) {
      // The Pioneer closed the sheet: nothing to say. Any other failure falls through to copying.
      if (error instanceof DOMException && error.name === "AbortError") return "dismissed";
    }
  }
  return (await copyText(content.url)) ? "copied" : "failed";
}
