/**
 * Cross-site request forgery rule for cookie-authenticated writes. The session cookie is
 * SameSite=None (so it survives the Pi Sandbox iframe), so the browser would attach it to a forged
 * cross-site POST; the Origin header is what tells them apart. A missing Origin is refused too.
 */
export function isTrustedOrigin(origin: string | null, appOrigin: string, allowedOrigins: readonly string[]): boolean {
  if (!origin || origin === "null") return false;
  return origin === appOrigin || allowedOrigins.includes(origin);
}

/**
 * The origin the browser addressed: the Host header (or the proxy's X-Forwarded-Host/-Proto), not
 * request.url, which `next start` builds from its own bind address. A cross-site page cannot set
 * these headers on a victim's request (custom headers need a CORS preflight we never grant).
 */
export function addressedOrigin(request: Request): string {
  const url = new URL(request.url);
  const first = (name: string) => request.headers.get(name)?.split(",")[0]?.trim() || undefined;
  const host = first("x-forwarded-host") ?? first("host") ?? url.host;
  const proto = first("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}

export function isStateChanging(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
