/**
 * The session cookie. SameSite=None + Partitioned (CHIPS) keeps it inside the Pi Sandbox iframe,
 * which is cross-site; Secure is required by both; the __Host- prefix pins it to this host and path.
 * Browsers that still drop it (iOS Pi Browser) use the bearer token instead.
 */
export const sessionCookieName = "__Host-pi_session";

/**
 * Set at sign-out so the app does not sign the Pioneer in again silently on the next load. Framed
 * pages may be denied local storage, but a partitioned cookie still sticks there.
 */
export const signedOutCookieName = "__Host-pi_signed_out";

const attributes = "Path=/; HttpOnly; Secure; SameSite=None; Partitioned";
const yearSeconds = 365 * 24 * 60 * 60;

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${sessionCookieName}=${token}; ${attributes}; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(): string {
  return `${sessionCookieName}=; ${attributes}; Max-Age=0`;
}

export function signedOutCookie(): string {
  return `${signedOutCookieName}=1; ${attributes}; Max-Age=${yearSeconds}`;
}

export function clearedSignedOutCookie(): string {
  return `${signedOutCookieName}=; ${attributes}; Max-Age=0`;
}

function readCookie(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === name) return part.slice(index + 1).trim() || null;
  }
  return null;
}

export function readSessionCookie(cookieHeader: string | null): string | null {
  return readCookie(cookieHeader, sessionCookieName);
}

export function hasSignedOutMark(cookieHeader: string | null): boolean {
  return readCookie(cookieHeader, signedOutCookieName) === "1";
}
