import { assertAppOrigin, assertTrustedOrigin, clearedSessionCookie, readCredentials, revokeSessionToken, signedOutCookie } from "@/lib/auth";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST → revokes every session the request carries (bearer and cookie), clears the cookie and marks
 * this browser signed out, so the next load does not sign in again by itself. Safe to repeat.
 */
export const POST = route("auth.signout", async (request) => {
  const credentials = readCredentials(request);
  // The answer sets a cookie, so a request with nothing to revoke must come from the app too.
  if (credentials.length === 0) assertAppOrigin(request);
  for (const { via } of credentials) assertTrustedOrigin(request, via);
  for (const { token } of credentials) await revokeSessionToken(token);
  const headers = new Headers();
  headers.append("Set-Cookie", clearedSessionCookie());
  headers.append("Set-Cookie", signedOutCookie());
  return Response.json({ signedOut: true }, { headers });
});
