import "server-only";
import { and, asc, count, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { adRewards, users, type AdReward, type AdRewardStatus } from "@/lib/db/schema";

export async function findAdReward(db: Database, adId: string): Promise<AdReward | null> {
  const [row] = await db.select().from(adRewards).where(eq(adRewards.adId, adId)).limit(1);
  return row ?? null;
}

/** Pending and granted rewards the Pioneer claimed since `since` (what the daily cap counts). */
export async function countAdRewardsSince(db: Database, userUid: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(adRewards)
    .where(and(eq(adRewards.userUid, userUid), inArray(adRewards.status, ["pending", "granted"]), gt(adRewards.claimedAt, since)));
  return row?.n ?? 0;
}

export async function countGrantedAdRewards(db: Database, userUid: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(adRewards).where(and(eq(adRewards.userUid, userUid), eq(adRewards.status, "granted")));
  return row?.n ?? 0;
}

/** Serialises one Pioneer's claims inside a transaction, so two at once cannot both pass the daily cap. */
export async function lockPioneerRow(tx: Database, userUid: string) {
  await tx.select({ uid: users.uid }).from(users).where(eq(users.uid, userUid)).for("update");
}

/** Inserts the claim unless the ad id was claimed already (by anyone); null then. */
export async function insertAdReward(db: Database, values: { adId: string; userUid: string; status: AdRewardStatus; claimedAt: Date; grantedAt: Date | null }): Promise<AdReward | null> {
  const [row] = await db.insert(adRewards).values(values).onConflictDoNothing({ target: adRewards.adId }).returning();
  return row ?? null;
}

/** Compare-and-set on a claim's status; null when another check moved it first. */
export async function updateAdRewardStatus(
  db: Database,
  adId: string,
  from: AdRewardStatus,
  to: AdRewardStatus,
  changes: Partial<Pick<AdReward, "grantedAt" | "checkedAt" | "reason">> = {},
): Promise<AdReward | null> {
  const [row] = await db
    .update(adRewards)
    .set({ ...changes, status: to, updatedAt: new Date() })
    .where(and(eq(adRewards.adId, adId), eq(adRewards.status, from)))
    .returning();
  return row ?? null;
}

/** Records a look at Pi that changed nothing, unless another check moved the claim meanwhile. */
export async function markAdRewardChecked(db: Database, reward: Pick<AdReward, "adId" | "status">, at: Date) {
  await db
    .update(adRewards)
    .set({ checkedAt: at, updatedAt: at })
    .where(and(eq(adRewards.adId, reward.adId), eq(adRewards.status, reward.status)));
}

/** A look at Pi that failed: the claim goes behind the others, so claims that keep failing block none. */
export async function noteAdRewardAttempt(db: Database, adId: string, at: Date) {
  await db.update(adRewards).set({ updatedAt: at }).where(eq(adRewards.adId, adId));
}

/**
 * Claims to ask Pi about again: every pending one, and granted ones old enough and not yet
 * re-checked; those looked at longest ago first.
 */
export function listAdRewardsToRecheck(db: Database, grantedBefore: Date, limit = 50): Promise<AdReward[]> {
  return db
    .select()
    .from(adRewards)
    .where(or(eq(adRewards.status, "pending"), and(eq(adRewards.status, "granted"), isNull(adRewards.checkedAt), lt(adRewards.claimedAt, grantedBefore))))
    .orderBy(asc(adRewards.updatedAt), asc(adRewards.claimedAt))
    .limit(limit);
}
