import "server-only";
import { and, eq, gt, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { rateLimits, sessions, users, type User } from "@/lib/db/schema";

export async function insertSession(db: Database, values: { tokenHash: string; userUid: string; expiresAt: Date }) {
  await db.insert(sessions).values(values);
}

/**
 * Creates the Pioneer (or refreshes their username) and opens a session for them in one statement:
 * sign-in pays one round trip and one commit instead of two.
 */
export async function upsertUserWithSession(db: Database, pioneer: { uid: string; username: string | null }, session: { tokenHash: string; expiresAt: Date }) {
  const signedIn = db.$with("signed_in").as(
    db
      .insert(users)
      .values({ uid: pioneer.uid, username: pioneer.username })
      .onConflictDoUpdate({ target: users.uid, set: { username: pioneer.username, lastSignInAt: sql`now()` } })
      .returning({ uid: users.uid }),
  );
  // The session's user comes out of the upsert, so the foreign key is met within the statement.
  await db
    .with(signedIn)
    .insert(sessions)
    .values({ tokenHash: session.tokenHash, userUid: sql`(select ${signedIn.uid} from ${signedIn})`, expiresAt: session.expiresAt });
}

export type CountedUser = { uid: string; username: string | null; hits: number; windowStart: Date };

/**
 * `findSessionUser` and, for a live session only, one hit on the counter `keyPrefix + uid` in a
 * fixed window of `windowMs` (as `hitRateLimit`), in one statement: a limited API request pays one
 * round trip for both.
 */
export async function findSessionUserCounting(db: Database, tokenHash: string, now: Date, counter: { keyPrefix: string; windowMs: number }): Promise<CountedUser | null> {
  const windowOver = new Date(now.getTime() - counter.windowMs).toISOString();
  const result: unknown = await db.execute(sql`
    with found as (
      select ${users.uid} as uid, ${users.username} as username from ${sessions} inner join ${users} on ${users.uid} = ${sessions.userUid}
      where ${sessions.tokenHash} = ${tokenHash} and ${sessions.revokedAt} is null and ${sessions.expiresAt} > ${now.toISOString()}::timestamptz
      limit 1
    ), hit as (
      insert into ${rateLimits} (key, window_start, hits) select ${counter.keyPrefix} || found.uid, ${now.toISOString()}::timestamptz, 1 from found
      on conflict (key) do update set
        hits = case when ${rateLimits.windowStart} <= ${windowOver}::timestamptz then 1 else ${rateLimits.hits} + 1 end,
        window_start = case when ${rateLimits.windowStart} <= ${windowOver}::timestamptz then excluded.window_start else ${rateLimits.windowStart} end
      returning hits, window_start
    )
    select found.uid, found.username, hit.hits, hit.window_start from found inner join hit on true`);
  // Both drivers answer raw statements with `{ rows }` (lib/db/client.ts).
  const [row] = (result as { rows: { uid: string; username: string | null; hits: number; window_start: Date | string }[] }).rows;
  return row ? { uid: row.uid, username: row.username, hits: Number(row.hits), windowStart: new Date(row.window_start) } : null;
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
