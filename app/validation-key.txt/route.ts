import { getSiteEnv } from "@/lib/config/server";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * Pi's domain verification file, served from PI_VALIDATION_KEY so that a fork never inherits
 * someone else's key from a committed file.
 */
export function GET() {
  const key = getSiteEnv().validationKey;
  if (!key) return new Response("Not found\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return new Response(key, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
