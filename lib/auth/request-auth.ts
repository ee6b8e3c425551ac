import "server-only";
import { AppError, type Pioneer } from "@/lib/contract";
import { getAuthEnv } from "@/lib/config/server";
import { readSessionCookie } from "./cookie";
import { addressedOrigin, isStateChanging, isTrustedOrigin } from "./origin";
import { getCountedSessionUser, getSessionUser, type SessionCounter } from "./session";

export type Caller = {
  user: Pioneer;
  token: string;
  via: "bearer" | "cookie";
  /** The counter's state after this request's hit, when `requireCaller` was given one. */
  count?: { hits: number; windowStart: Date };
};

type Credential = { token: string; via: "bearer" | "cookie" };

/** Every session token a request carries: the bearer header first (it is immune to CSRF), then the cookie. */
export function readCredentials(request: Request): Credential[] {
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const cookie = readSessionCookie(request.headers.get("cookie"));
  return [...(bearer ? [{ token: bearer, via: "bearer" as const }] : []), ...(cookie ? [{ token: cookie, via: "cookie" as const }] : [])];
}

/** Refuses a request whose Origin is not this app (or an allowed origin). */
export function assertAppOrigin(request: Request) {
  if (!isTrustedOrigin(request.headers.get("origin"), addressedOrigin(request), getAuthEnv().allowedOrigins)) {
    throw new AppError("forbidden_origin", "This request did not come from the app, so it was refused.");
  }
}

/**
 * What the browser says about who started a request (`Sec-Fetch-Site`): another origin's page, for
 * instance an image or a script on another site, or another app framed beside ours in Pi Browser.
 * Clients that are not browsers send no such header.
 */
function startedElsewhere(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  return site !== null && site !== "same-origin" && site !== "none";
}

/**
 * Cookie-authenticated writes must come from the app, and so must reads another page started (or
 * they could spend the Pioneer's request limit); bearer requests can't be forged cross-site.
 */
export function assertTrustedOrigin(request: Request, via: "bearer" | "cookie") {
  if (via === "cookie" && (isStateChanging(request.method) || startedElsewhere(request))) assertAppOrigin(request);
}

/**
 * The signed-in caller, or a 401. Route handlers call this before touching anything of a Pioneer.
 * Either credential is enough: a stale bearer (another tab signed in again) does not hide a live cookie.
 * With a `counter` (lib/limits), the live session's lookup also counts the request, in one round trip.
 */
export async function requireCaller(request: Request, counter?: SessionCounter): Promise<Caller> {
  const credentials = readCredentials(request);
  if (credentials.length === 0) throw new AppError("unauthenticated", "Sign in with Pi first.");
  for (const credential of credentials) {
    assertTrustedOrigin(request, credential.via);
    if (counter) {
      const counted = await getCountedSessionUser(credential.token, counter);
      if (counted) return { user: { uid: counted.uid, username: counted.username }, ...credential, count: { hits: counted.hits, windowStart: counted.windowStart } };
      continue;
    }
    const user = await getSessionUser(credential.token);
    if (user) return { user, ...credential };
  }
  throw new AppError("unauthenticated", "Your session has expired. Sign in with Pi again.");
}
