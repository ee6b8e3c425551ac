import "server-only";
import { and, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { payoutWallets, type PayoutWallet } from "@/lib/db/schema";

/**
 * The lease on an app wallet: one payout worker at a time, on one instance or many. Taken with a
 * single atomic upsert that succeeds only while nobody holds a live lease; it runs out by itself
 * (`until`) if its holder dies, so no crash leaves the wallet locked.
 */
export async function acquireLease(db: Database, publicKey: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const [row] = await db
    .insert(payoutWallets)
    .values({ publicKey, leaseHolder: holder, leaseUntil: until })
    .onConflictDoUpdate({
      target: payoutWallets.publicKey,
      set: { leaseHolder: holder, leaseUntil: until },
      setWhere: or(isNull(payoutWallets.leaseUntil), lt(payoutWallets.leaseUntil, now)),
    })
    .returning({ holder: payoutWallets.leaseHolder });
  return row?.holder === holder;
}

/** Extends a lease still held by `holder` (and not yet run out); false when it was lost. */
export async function renewLease(db: Database, publicKey: string, holder: string, now: Date, until: Date): Promise<boolean> {
  const renewed = await db
    .update(payoutWallets)
    .set({ leaseUntil: until })
    .where(and(eq(payoutWallets.publicKey, publicKey), eq(payoutWallets.leaseHolder, holder), gt(payoutWallets.leaseUntil, now)))
    .returning({ publicKey: payoutWallets.publicKey });
  return renewed.length === 1;
}

export async function releaseLease(db: Database, publicKey: string, holder: string) {
  await db
    .update(payoutWallets)
    .set({ leaseHolder: null, leaseUntil: null })
    .where(and(eq(payoutWallets.publicKey, publicKey), eq(payoutWallets.leaseHolder, holder)));
}

export async function findWallet(db: Database, publicKey: string): Promise<PayoutWallet | null> {
  const [row] = await db.select().from(payoutWallets).where(eq(payoutWallets.publicKey, publicKey)).limit(1);
  return row ?? null;
}

/** Pi answered feature_not_available (null: it created a payout again). */
export async function setUnavailable(db: Database, publicKey: string, window: { since: Date; until: Date } | null) {
  await db
    .update(payoutWallets)
    .set(window ? { unavailableSince: window.since, unavailableUntil: window.until } : { unavailableSince: null, unavailableUntil: null })
    .where(eq(payoutWallets.publicKey, publicKey));
}
