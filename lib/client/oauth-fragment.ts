/**
 * What Pi Sign-in put in the callback URL's fragment (it never reaches a server):
 * `#access_token=…&token_type=Bearer&expires_in=3600&state=…`, or `#error=access_denied&state=…`.
 */
export const piSignInErrors = ["access_denied", "expired", "cancelled", "server_error"] as const;
export type PiSignInError = (typeof piSignInErrors)[number];

export type Fragment =
  | { kind: "token"; accessToken: string; state: string | null }
  | { kind: "error"; error: PiSignInError | "unknown"; state: string | null }
  | { kind: "empty" };

// Pi's tokens are opaque; bound the length so a crafted fragment is not sent on.
const tokenPattern = /^[\w\-.~+/=]{1,2048}$/;

export function parseFragment(hash: string): Fragment {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const state = params.get("state") || null;
  const error = params.get("error");
  if (error !== null) {
    return { kind: "error", error: (piSignInErrors as readonly string[]).includes(error) ? (error as PiSignInError) : "unknown", state };
  }
  const accessToken = params.get("access_token");
  if (accessToken === null) return { kind: "empty" };
  if (!tokenPattern.test(accessToken)) return { kind: "error", error: "unknown", state };
  return { kind: "token", accessToken, state };
}
