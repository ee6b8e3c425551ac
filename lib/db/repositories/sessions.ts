import "server-only";
import { and, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { sessions, users, type User } from "@/lib/db/schema";

export async function insertSession(db: Database, values: { tokenHash: string; userUid: string; expiresAt: Date }) {
  await db.insert(sessions).values(values);
}

/** The user of a session that exists, is not revoked and has not expired at `now`. */
export async function findSessionUser(db: Database, tokenHash: string, now: Date): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.uid, sessions.userUid))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  return row?.user ?? null;
}

export async function revokeSession(db: Database, tokenHash: string) {
  await db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt)));
}

/** Deletes sessions that can never be used again (expired or revoked); returns how many. */
export async function deleteDeadSessions(db: Database, now: Date): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now), isNotNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return deleted.length;
}
