import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { users, type User } from "@/lib/db/schema";

/** Creates the Pioneer on first sign-in and refreshes their username on later ones. */
export async function upsertUser(db: Database, pioneer: { uid: string; username: string | null }): Promise<User> {
  const [row] = await db
    .insert(users)
    .values({ uid: pioneer.uid, username: pioneer.username })
    .onConflictDoUpdate({ target: users.uid, set: { username: pioneer.username, lastSignInAt: sql`now()` } })
    .returning();
  if (!row) throw new Error("upsertUser returned no row");
  return row;
}
