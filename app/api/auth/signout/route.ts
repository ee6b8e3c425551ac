import { assertTrustedOrigin, clearedSessionCookie, readCredential, revokeSessionToken } from "@/lib/auth";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** POST → revokes the session, whichever credential carried it, and clears the cookie. Safe to repeat. */
export const POST = route("auth.signout", async (request) => {
  const credential = readCredential(request);
  if (credential) {
    assertTrustedOrigin(request, credential.via);
    await revokeSessionToken(credential.token);
  }
  return Response.json({ signedOut: true }, { headers: { "Set-Cookie": clearedSessionCookie(), "Cache-Control": "no-store" } });
});
