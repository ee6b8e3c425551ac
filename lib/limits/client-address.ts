/**
 * The client's address, from a header only where the platform makes it trustworthy: Vercel sets
 * X-Real-IP itself; behind your own proxy (TRUST_PROXY=true) the last X-Forwarded-For hop is the one
 * your proxy appended. Elsewhere any client could forge the header, so there is no address (null).
 */
export function clientAddress(headers: Headers, trust: { onVercel: boolean; trustProxy: boolean }): string | null {
  if (trust.onVercel) return headers.get("x-real-ip")?.trim() || headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  if (trust.trustProxy) return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || null;
  return null;
}
