import type { Host } from "./host";
import { getPi, isFramed, loadedPi } from "./sdk";
import { piSdkConfig } from "./sdk-config";

/**
 * Decides the host (./host.ts says what each one means). In a module of its own, loaded with the
 * SDK wrapper after the page's first paint.
 */

// getPiHostAppInfo answers at once inside Pi Browser; some SDKs never settle it elsewhere.
const hostInfoTimeoutMs = 2_000;
// Pi.init answers within a moment where a Pi host frames the app; elsewhere it waits a minute or more.
const initTimeoutMs = 3_000;

/** `promise`'s value, or null if it has not settled (or failed) within `ms`. */
function within<T>(ms: number, promise: Promise<T>): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => resolve(null), ms);
    promise.then(
      (value) => resolve(value),
      () => resolve(null),
    ).finally(() => window.clearTimeout(timer));
  });
}

async function decide(): Promise<Host> {
  const { sandbox, requiresFrame } = piSdkConfig;
  // Pi's SDK speaks only to a parent frame: unframed, nothing could ever answer it.
  if (requiresFrame && !isFramed()) return "browser";
  const pi = await loadedPi();
  const info = pi.getPiHostAppInfo ? await within(hostInfoTimeoutMs, Promise.resolve().then(() => pi.getPiHostAppInfo?.())) : null;
  if (info?.hostApp === "pi-browser") return "pi-browser";
  // No answer, or "unknown": the SDK decides, if Pi.init answers in time.
  const initialized = await within(initTimeoutMs, getPi());
  if (!initialized) return "browser";
  return sandbox ? "sandbox" : "pi-browser";
}

let detected: Promise<Host> | null = null;
const watchers = new Set<(host: Host) => void>();

/**
 * The host, asked once per page. Rejects (with the SDK's load error) only when the script did not
 * load where it was needed; the next call asks again, and its answer reaches every watcher.
 */
export function detectHost(): Promise<Host> {
  if (!detected) {
    detected = decide();
    detected.then(
      (host) => watchers.forEach((watch) => watch(host)),
      () => {
        detected = null;
      },
    );
  }
  return detected;
}

/**
 * Calls `watch` with the host once it is known: now, or when a later call decides it (the SDK's
 * script loading after the first call gave up on it). Returns the unsubscribe.
 */
export function watchHost(watch: (host: Host) => void): () => void {
  watchers.add(watch);
  detectHost().then(watch, () => undefined);
  return () => watchers.delete(watch);
}
