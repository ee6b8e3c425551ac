import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";

/**
 * Counts one request for `key` in a fixed window of `windowMs`, in one statement, so instances
 * sharing the database share the count. Returns the hits so far and when the window started.
 */
export async function hitRateLimit(db: Database, key: string, now: Date, windowMs: number): Promise<{ hits: number; windowStart: Date }> {
  const windowOver = sql`${rateLimits.windowStart} <= ${new Date(now.getTime() - windowMs).toISOString()}::timestamptz`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${windowOver} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${windowOver} then excluded.window_start else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart });
  if (!row) throw new Error("hitRateLimit returned no row");
  return row;
}

/** Deletes counters whose window ended before `before`; returns how many. */
export async function deleteStaleRateLimits(db: Database, before: Date): Promise<number> {
  const deleted = await db.delete(rateLimits).where(lt(rateLimits.windowStart, before)).returning({ key: rateLimits.key });
  return deleted.length;
}
