import "server-only";
import { AppError, type Pioneer } from "@/lib/contract";
import { PiApiError } from "@/lib/pi/errors";
import { toPioneer } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";
import { createUserSession, revokeSessionToken } from "./session";

/**
 * Exchanges a Pi access token for an app session. Identity comes only from Pi's /me answer; the
 * access token is used for this one call and never stored. The sessions the browser held (signing
 * in again, or as another Pioneer) are revoked, so each browser keeps one live session.
 */
export async function signIn(accessToken: string, heldTokens: readonly string[] = []): Promise<{ user: Pioneer; sessionToken: string; expiresAt: Date }> {
  let pioneer: Pioneer;
  try {
    pioneer = toPioneer(await piApi.me(accessToken));
  } catch (error) {
    if (error instanceof PiApiError && error.kind === "rejected") {
      throw new AppError("invalid_pi_token", "Pi did not accept this sign-in. Please sign in again.");
    }
    throw error;
  }
  const session = await createUserSession(pioneer);
  for (const token of heldTokens) await revokeSessionToken(token);
  return { user: pioneer, sessionToken: session.token, expiresAt: session.expiresAt };
}
