import { assertTrustedOrigin, clearedSessionCookie, readCredentials, revokeSessionToken } from "@/lib/auth";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST → revokes every session the request carries (bearer and cookie) and clears the cookie. Safe to repeat. */
export const POST = route("auth.signout", async (request) => {
  const credentials = readCredentials(request);
  for (const { via } of credentials) assertTrustedOrigin(request, via);
  for (const { token } of credentials) await revokeSessionToken(token);
  return Response.json({ signedOut: true }, { headers: { "Set-Cookie": clearedSessionCookie(), "Cache-Control": "no-store" } });
});
