import "server-only";
import { getDb } from "@/lib/db";
import { findSessionUser, findSessionUserCounting, insertSession, revokeSession, upsertUserWithSession, type CountedUser } from "@/lib/db/repositories/sessions";
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

/** Creates or refreshes the Pioneer and starts a session for them (one statement: sign-in's database work). */
export async function createUserSession(pioneer: { uid: string; username: string | null }, now = new Date()) {
  const token = createSessionToken();
  const expiresAt = new Date(now.getTime() + sessionTtlSeconds * 1000);
  await upsertUserWithSession(await getDb(), pioneer, { tokenHash: hashSessionToken(token, getAuthEnv().sessionSecret), expiresAt });
  return { token, expiresAt };
}

/** A request counter the session lookup also hits (lib/limits): `keyPrefix` + the Pioneer's uid, per `windowMs`. */
export type SessionCounter = { keyPrefix: string; windowMs: number; now: Date };

/** `getSessionUser`, hitting `counter` for a live session in the same round trip. */
export async function getCountedSessionUser(token: string, counter: SessionCounter): Promise<CountedUser | null> {
  if (!looksLikeSessionToken(token)) return null;
  return findSessionUserCounting(await getDb(), hashSessionToken(token, getAuthEnv().sessionSecret), counter.now, counter);
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
