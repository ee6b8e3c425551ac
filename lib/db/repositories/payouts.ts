import "server-only";
import { and, asc, desc, eq, inArray, isNull, like, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { payouts, users, type Payout, type PayoutStatus } from "@/lib/db/schema";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const finalStatuses: PayoutStatus[] = ["completed", "cancelled", "failed"];

/** Inserts a queued payout unless its business key is taken; returns the row for that key either way. */
export async function insertPayoutOnce(db: Database, values: { businessKey: string; userUid: string; amount: string; memo: string }): Promise<Payout> {
  await db.insert(payouts).values(values).onConflictDoNothing({ target: payouts.businessKey });
  const row = await findPayoutByKey(db, values.businessKey);
  if (!row) throw new Error("insertPayoutOnce found no row");
  return row;
}

export async function findPayoutByKey(db: Database, businessKey: string): Promise<Payout | null> {
  const [row] = await db.select().from(payouts).where(eq(payouts.businessKey, businessKey)).limit(1);
  return row ?? null;
}

/** Ids come from Pi's metadata: a malformed one finds nothing rather than erroring. */
export async function findPayout(db: Database, id: string): Promise<Payout | null> {
  if (!uuidPattern.test(id)) return null;
  const [row] = await db.select().from(payouts).where(eq(payouts.id, id)).limit(1);
  return row ?? null;
}

export async function findPayoutByPayment(db: Database, piPaymentId: string): Promise<Payout | null> {
  const [row] = await db.select().from(payouts).where(eq(payouts.piPaymentId, piPaymentId)).limit(1);
  return row ?? null;
}

export type PayoutChanges = Partial<Pick<Payout, "piPaymentId" | "toAddress" | "txid" | "envelopeXdr" | "validUntil" | "envelopes" | "failedTransactions" | "lastError" | "completedAt">>;

/**
 * Moves a payout from `from` to `to` only if it is still in `from` (compare-and-set), with the
 * columns that go with the move. Null when another worker or retry moved it first. Which moves are
 * legal is the payout engine's business (lib/payouts/states.ts).
 *
 * `envelope` (the hash the caller read, or null) must still be the stored one: a worker that outlived
 * its lease sees the same status after another rebuilt and resent the payout, and must not erase
 * the newer envelope's hash, which is what settles it.
 */
export async function updatePayoutStatus(
  db: Database,
  id: string,
  from: PayoutStatus,
  to: PayoutStatus,
  changes: PayoutChanges = {},
  envelope?: { txid: string | null },
): Promise<Payout | null> {
  const sameEnvelope = envelope === undefined ? undefined : envelope.txid === null ? isNull(payouts.txid) : eq(payouts.txid, envelope.txid);
  const [row] = await db
    .update(payouts)
    .set({ ...changes, status: to, updatedAt: sql`now()` })
    .where(and(eq(payouts.id, id), eq(payouts.status, from), sameEnvelope))
    .returning();
  return row ?? null;
}

/** Records why a payout waits, if it is still in `status`; `updatedAt` says when it last waited. */
export async function notePayout(db: Database, id: string, status: PayoutStatus, lastError: string) {
  await db
    .update(payouts)
    .set({ lastError, updatedAt: sql`now()` })
    .where(and(eq(payouts.id, id), eq(payouts.status, status)));
}

/**
 * Payouts a worker has something to do for: first those that did not wait since they last moved (no
 * `last_error`), then those that waited, the one tried longest ago first. So payouts that keep waiting
 * cannot hold back a newer one, and each is still tried in turn.
 */
export function listOpenPayouts(db: Database, limit = 50): Promise<Payout[]> {
  return db
    .select()
    .from(payouts)
    .where(inArray(payouts.status, ["queued", "created", "signed", "submitted", "on_chain"]))
    .orderBy(sql`${payouts.lastError} is not null`, asc(payouts.updatedAt), asc(payouts.id))
    .limit(limit);
}

/** Back to `queued`: payouts that waited for the Pioneer's consent, when the Pioneer signed in since. */
export async function requeueAfterSignIn(db: Database): Promise<number> {
  const moved = await db
    .update(payouts)
    .set({ status: "queued", lastError: null, updatedAt: sql`now()` })
    .where(and(eq(payouts.status, "needs_consent"), sql`exists (select 1 from ${users} where ${users.uid} = ${payouts.userUid} and ${users.lastSignInAt} > ${payouts.updatedAt})`))
    .returning({ id: payouts.id });
  return moved.length;
}

/** The Pioneer's refunds (business keys "refund:<order id>", and "refund:<order id>#<attempt>"). */
export function listRefundsOf(db: Database, userUid: string): Promise<Payout[]> {
  return db.select().from(payouts).where(and(eq(payouts.userUid, userUid), like(payouts.businessKey, "refund:%")));
}

/** Every refund attempt of these orders. Order ids are uuids, so they hold no LIKE wildcard. */
export function listRefundsFor(db: Database, orderIds: readonly string[]): Promise<Payout[]> {
  const ids = orderIds.filter((id) => uuidPattern.test(id));
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(payouts)
    .where(or(inArray(payouts.businessKey, ids.map((id) => `refund:${id}`)), ...ids.map((id) => like(payouts.businessKey, `refund:${id}#%`))));
}

/** What the diagnostics page lists: every payout not yet settled, then the latest settled ones. */
export async function listPayoutsForReview(db: Database, settled = 10): Promise<Payout[]> {
  const open = await db.select().from(payouts).where(notInArray(payouts.status, finalStatuses)).orderBy(asc(payouts.createdAt)).limit(100);
  const done = await db.select().from(payouts).where(inArray(payouts.status, finalStatuses)).orderBy(desc(payouts.updatedAt)).limit(settled);
  return [...open, ...done];
}
