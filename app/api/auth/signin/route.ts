import { z } from "zod";
import { assertAppOrigin, clearedSignedOutCookie, isAdmin, readCredentials, sessionCookie, sessionTtlSeconds, signIn } from "@/lib/auth";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { limitSignIn } from "@/lib/limits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// Printable ASCII only: the token goes into an Authorization header.
const bodySchema = z.object({ accessToken: z.string().trim().min(1, "is required").max(4096).regex(/^[\x21-\x7e]+$/, "is not a Pi access token") });

/** POST {accessToken} → Pi /me → a new session, as a cookie and as a bearer token: {user, admin, sessionToken}. */
export const POST = route("auth.signin", async (request) => {
  // A cross-site page must not be able to sign a visitor into someone else's account either; browsers
  // send Origin with every POST, so a request without one did not come from the app's page.
  assertAppOrigin(request);
  await limitSignIn(request);
  const { accessToken } = await readJson(request, bodySchema);
  const held = readCredentials(request).map((credential) => credential.token);
  const { user, sessionToken } = await signIn(accessToken, held);
  const headers = new Headers();
  headers.append("Set-Cookie", sessionCookie(sessionToken, sessionTtlSeconds));
  headers.append("Set-Cookie", clearedSignedOutCookie());
  return Response.json({ user, admin: isAdmin(user.uid), sessionToken }, { headers });
});
