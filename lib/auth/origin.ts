/**
 * Cross-site request forgery rule for cookie-authenticated writes. The session cookie is
 * SameSite=None (so it survives the Pi Sandbox iframe), so the browser would attach it to a forged
 * cross-site POST; the Origin header is what tells them apart. A missing Origin is refused too.
 */
export function isTrustedOrigin(origin: string | null, appOrigin: string, allowedOrigins: readonly string[]): boolean {
  if (!origin || origin === "null") return false;
  return origin === appOrigin || allowedOrigins.includes(origin);
}

export function isStateChanging(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
