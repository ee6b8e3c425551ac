import "server-only";
import { AppError, type Pioneer } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { upsertUser } from "@/lib/db/repositories/users";
import { PiApiError } from "@/lib/pi/errors";
import { toPioneer } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";
import { createSession } from "./session";

/**
 * Exchanges a Pi access token for an app session. Identity comes only from Pi's /me answer; the
 * access token is used for this one call and never stored.
 */
export async function signIn(accessToken: string): Promise<{ user: Pioneer; sessionToken: string; expiresAt: Date }> {
  let pioneer: Pioneer;
  try {
    pioneer = toPioneer(await piApi.me(accessToken));
  } catch (error) {
    if (error instanceof PiApiError && error.kind === "rejected") {
      throw new AppError("invalid_pi_token", "Pi did not accept this sign-in. Please sign in again.");
    }
    throw error;
  }
  await upsertUser(await getDb(), pioneer);
  const session = await createSession(pioneer.uid);
  return { user: pioneer, sessionToken: session.token, expiresAt: session.expiresAt };
}
