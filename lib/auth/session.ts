import "server-only";
import { getDb } from "@/lib/db";
import { findSessionUser, insertSession, revokeSession } from "@/lib/db/repositories/sessions";
import { getAuthEnv } from "@/lib/config/server";
import { createSessionToken, hashSessionToken, looksLikeSessionToken } from "./tokens";

export const sessionTtlSeconds = 30 * 24 * 60 * 60;

/** Starts a session for a Pioneer; the raw token is returned once and only its hash is stored. */
export async function createSession(userUid: string, now = new Date()) {
  const token = createSessionToken();
  const expiresAt = new Date(now.getTime() + sessionTtlSeconds * 1000);
  await insertSession(await getDb(), { tokenHash: hashSessionToken(token, getAuthEnv().sessionSecret), userUid, expiresAt });
  return { token, expiresAt };
}

/** The Pioneer behind a live session token, or null when it is unknown, revoked or expired. */
export async function getSessionUser(token: string, now = new Date()) {
  if (!looksLikeSessionToken(token)) return null;
  const user = await findSessionUser(await getDb(), hashSessionToken(token, getAuthEnv().sessionSecret), now);
  return user ? { uid: user.uid, username: user.username } : null;
}

export async function revokeSessionToken(token: string) {
  if (!looksLikeSessionToken(token)) return;
  await revokeSession(await getDb(), hashSessionToken(token, getAuthEnv().sessionSecret));
}
