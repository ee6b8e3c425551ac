import { Problem } from "@/lib/i18n/problem";
import { PiSdkError } from "@/lib/pi/sdk-error";
import { parseFragment } from "./oauth-fragment";
import { piSignInConfig as config } from "./pi-sign-in-config";
import { consume, issue, readBook, writeBook } from "./oauth-states";

/**
 * Pi Sign-in, for browsers other than Pi Browser (an OAuth 2.0 implicit flow): the Pioneer
 * approves in Pi Browser and comes back to /signin/callback with an access token in the URL
 * fragment, which our server checks with Pi's /me like any other Pi token.
 */

export const callbackPath = "/signin/callback";
// Payments are not offered to Pi Sign-in; the username is all this app shows.
const scopes = ["username"];

function randomState(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The authorize URL, with scopes separated by %20 as Pi documents them. */
export function authorizeUrl(base: string, params: { clientId: string; redirectUri: string; state: string }): string {
  const query = [
    ["response_type", "token"],
    ["client_id", params.clientId],
    ["redirect_uri", params.redirectUri],
    ["scope", scopes.join(" ")],
    ["state", params.state],
  ].map(([name, value]) => `${name}=${encodeURIComponent(value ?? "")}`);
  return `${base}${base.includes("?") ? "&" : "?"}${query.join("&")}`;
}

/**
 * Leaves for Pi's authorize page (through Pi.signIn when the SDK offers it), remembering a fresh
 * state and the page to come back to. Throws when Pi Sign-in is not set up or storage is blocked.
 */
export async function beginPiSignIn(returnTo: string): Promise<void> {
  const { clientId } = config;
  if (!clientId) throw new PiSdkError("not_in_pi_browser", "Pi Sign-in is not configured (NEXT_PUBLIC_PI_OAUTH_CLIENT_ID).");
  const state = randomState();
  try {
    // Retrying from the callback page comes back to the shop, not to the callback again.
    writeBook(issue(readBook(), state, returnTo.startsWith(callbackPath) ? "/" : returnTo, Date.now()));
  } catch {
    throw new Problem("signin.failed.storage_blocked");
  }
  const redirectUri = `${window.location.origin}${callbackPath}`;
  const pi = window.Pi;
  if (pi?.signIn) await pi.signIn({ clientId, redirectUri, scopes, state });
  else window.location.assign(authorizeUrl(config.authorizeUrl, { clientId, redirectUri, state }));
}

export type CallbackOutcome =
  | { ok: true; accessToken: string; returnTo: string }
  | { ok: false; reason: "access_denied" | "expired" | "cancelled" | "server_error" | "state_mismatch" | "reused" | "missing_token" | "storage_blocked" | "unknown" };

/**
 * Reads what Pi sent back in `hash`. The state is checked (and spent) before anything else, so a
 * crafted or replayed link signs no one in; an error from Pi with a good state is Pi's to explain.
 */
export function finishPiSignIn(hash: string): CallbackOutcome {
  const fragment = parseFragment(hash);
  if (fragment.kind === "empty") return { ok: false, reason: "missing_token" };
  let verdict;
  try {
    const checked = consume(readBook(), fragment.state, Date.now());
    writeBook(checked.book);
    verdict = checked.verdict;
  } catch {
    return { ok: false, reason: "storage_blocked" };
  }
  if (!verdict.ok) return { ok: false, reason: verdict.reason };
  if (fragment.kind === "error") return { ok: false, reason: fragment.error };
  // Only a path of this site: the state's returnTo was stored by this site, but never trust storage blindly.
  const returnTo = verdict.returnTo.startsWith("/") && !verdict.returnTo.startsWith("//") ? verdict.returnTo : "/";
  return { ok: true, accessToken: fragment.accessToken, returnTo };
}
