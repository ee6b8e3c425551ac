/**
 * The session cookie. SameSite=None + Partitioned (CHIPS) keeps it inside the Pi Sandbox iframe,
 * which is cross-site; Secure is required by both; the __Host- prefix pins it to this host and path.
 * Browsers that still drop it (iOS Pi Browser) use the bearer token instead.
 */
export const sessionCookieName = "__Host-pi_session";

const attributes = "Path=/; HttpOnly; Secure; SameSite=None; Partitioned";

export function sessionCookie(token: string, maxAgeSeconds: number): string {
  return `${sessionCookieName}=${token}; ${attributes}; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(): string {
  return `${sessionCookieName}=; ${attributes}; Max-Age=0`;
}

export function readSessionCookie(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const index = part.indexOf("=");
    if (index === -1) continue;
    if (part.slice(0, index).trim() === sessionCookieName) return part.slice(index + 1).trim() || null;
  }
  return null;
}
