import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "@/lib/db";
import { isUniqueViolation } from "@/lib/db/errors";
import { orders, paymentReviews, type Order, type OrderStatus } from "@/lib/db/schema";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function insertOrder(db: Database, values: { userUid: string; productId: string; amount: string; memo: string }): Promise<Order> {
  const [row] = await db.insert(orders).values(values).returning();
  if (!row) throw new Error("insertOrder returned no row");
  return row;
}

export function listOrdersOf(db: Database, userUid: string): Promise<Order[]> {
  return db.select().from(orders).where(eq(orders.userUid, userUid)).orderBy(desc(orders.createdAt)).limit(50);
}

/** Ids come from payment metadata, which anyone can write: a malformed one finds nothing rather than erroring. */
export async function findOrder(db: Database, orderId: string): Promise<Order | null> {
  if (!uuidPattern.test(orderId)) return null;
  const [row] = await db.select().from(orders).where(eq(orders.id, orderId)).limit(1);
  return row ?? null;
}

export async function findOrderByPayment(db: Database, piPaymentId: string): Promise<Order | null> {
  const [row] = await db.select().from(orders).where(eq(orders.piPaymentId, piPaymentId)).limit(1);
  return row ?? null;
}

/** A boolean, not a type guard: narrowing to PgTransaction would lose the schema's types. */
const insideTransaction = (db: Database): boolean => db instanceof PgTransaction;

/** Sets an order's payment where `condition` holds; null when it does not, or the payment is another order's (unique). */
async function setPaymentWhere(db: Database, piPaymentId: string, condition: SQL | undefined): Promise<Order | null> {
  const update = (on: Database) => on.update(orders).set({ piPaymentId, updatedAt: sql`now()` }).where(condition).returning();
  try {
    // Inside a transaction a unique violation would abort all of it: a savepoint keeps it to this statement.
    const [row] = insideTransaction(db) ? await db.transaction(update) : await update(db);
    return row ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Ties a Pi payment to an order of `terms.userUid` that is awaiting payment, not bound to any payment,
 * and whose amount and memo are `terms` exactly: the approval rules' read and bind in one statement.
 * Returns null when any of it does not hold (the caller then reads the order and judges it).
 */
export async function bindPaymentOnTerms(db: Database, orderId: string, piPaymentId: string, terms: { userUid: string; amount: string; memo: string }): Promise<Order | null> {
  if (!uuidPattern.test(orderId)) return null;
  return setPaymentWhere(
    db,
    piPaymentId,
    and(
      eq(orders.id, orderId),
      eq(orders.status, "awaiting_payment"),
      isNull(orders.piPaymentId),
      eq(orders.userUid, terms.userUid),
      // Compared as numbers: the column has 7 decimals ("1.0000000"), Pi's amount none to spare.
      sql`${orders.amount} = ${terms.amount}::numeric`,
      eq(orders.memo, terms.memo),
    ),
  );
}

/** Undoes `bindPaymentOnTerms` while the order still waits for payment. */
export async function unbindPayment(db: Database, orderId: string, piPaymentId: string): Promise<void> {
  await db
    .update(orders)
    .set({ piPaymentId: null, updatedAt: sql`now()` })
    .where(and(eq(orders.id, orderId), eq(orders.status, "awaiting_payment"), eq(orders.piPaymentId, piPaymentId)));
}

/** Ties a Pi payment to an order awaiting payment. Returns null if the order is no longer free for it. */
export function bindPayment(db: Database, orderId: string, piPaymentId: string): Promise<Order | null> {
  return setPaymentWhere(db, piPaymentId, and(eq(orders.id, orderId), eq(orders.status, "awaiting_payment"), or(isNull(orders.piPaymentId), eq(orders.piPaymentId, piPaymentId))));
}

/**
 * Moves an order from `from` to `to` only if it is still in `from` (UPDATE … WHERE status = from),
 * so concurrent retries cannot both win. Returns the updated order, or null when another call did.
 * Which moves are legal is the payment engine's business (lib/payments/order-states.ts).
 */
export type OrderUpdateOptions = {
  txid?: string;
  /** Only if the order is free or already bound to this payment. */
  unlessBoundToOtherThan?: string;
  /** Only if no payment was ever bound to it. */
  unbound?: boolean;
};

export async function updateOrderStatus(db: Database, orderId: string, from: OrderStatus, to: OrderStatus, options: OrderUpdateOptions = {}): Promise<Order | null> {
  const { txid, unlessBoundToOtherThan: paymentId, unbound } = options;
  const [row] = await db
    .update(orders)
    .set({ status: to, updatedAt: sql`now()`, ...(txid ? { txid } : {}) })
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.status, from),
        // A payment may only change an order that is free or already its own.
        paymentId ? or(isNull(orders.piPaymentId), eq(orders.piPaymentId, paymentId)) : undefined,
        unbound ? isNull(orders.piPaymentId) : undefined,
      ),
    )
    .returning();
  return row ?? null;
}

const unsettled = ["awaiting_payment", "approved"] as const;

/**
 * Claims up to `limit` unsettled orders created at or before `createdBefore`, oldest first, that no
 * one else holds (a live claim, or a row another transaction has locked), until `until`. Orders come
 * after the order `afterId` in (created_at, id) order, so a run pages through without seeing one
 * twice (compared in SQL: timestamps have microseconds, JavaScript dates only milliseconds).
 * `skipRetryLater` leaves out orders whose last check failed recently (the scheduled sweep does).
 */
export async function claimUnsettledOrders(
  db: Database,
  options: { createdBefore: Date; now: Date; until: Date; limit: number; userUid?: string; afterId?: string; skipRetryLater?: boolean },
): Promise<Order[]> {
  const { createdBefore, now, until, limit, userUid, afterId, skipRetryLater } = options;
  const candidates = db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        inArray(orders.status, unsettled),
        lte(orders.createdAt, createdBefore),
        or(isNull(orders.claimedUntil), lt(orders.claimedUntil, now)),
        skipRetryLater ? or(isNull(orders.retryAfter), lt(orders.retryAfter, now)) : undefined,
        userUid ? eq(orders.userUid, userUid) : undefined,
        afterId ? sql`(${orders.createdAt}, ${orders.id}) > (select previous.created_at, previous.id from orders previous where previous.id = ${afterId}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(orders.createdAt), asc(orders.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db.update(orders).set({ claimedUntil: until }).where(inArray(orders.id, candidates)).returning({ id: orders.id });
  if (claimed.length === 0) return [];
  // Read back in the database's own order: RETURNING has none.
  return db
    .select()
    .from(orders)
    .where(inArray(orders.id, claimed.map((row) => row.id)))
    .orderBy(asc(orders.createdAt), asc(orders.id));
}

/** Ends a claim; `retryAfter` keeps the order out of scheduled sweeps until then (a check that failed). */
export async function releaseClaim(db: Database, orderId: string, retryAfter: Date | null = null) {
  await db.update(orders).set({ claimedUntil: null, retryAfter }).where(eq(orders.id, orderId));
}

/**
 * Inserts an order and expires the Pioneer's unpaid, unbound orders beyond the `keep` newest, new
 * one included, in one statement. Its parts see the table as it was before it, so the `keep - 1`
 * newest older orders stay beside the new one.
 */
export async function insertOrderKeepingNewest(db: Database, values: { userUid: string; productId: string; amount: string; memo: string }, keep: number): Promise<Order> {
  const inserted = db.$with("inserted").as(db.insert(orders).values(values).returning());
  const surplus = db
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.userUid, values.userUid), eq(orders.status, "awaiting_payment"), isNull(orders.piPaymentId)))
    .orderBy(desc(orders.createdAt))
    .offset(keep - 1);
  // A data-modifying WITH runs whether or not the main query reads it.
  const expired = db.$with("expired").as(
    db
      .update(orders)
      .set({ status: "expired", updatedAt: sql`now()` })
      .where(and(inArray(orders.id, surplus), eq(orders.status, "awaiting_payment"), isNull(orders.piPaymentId)))
      .returning({ id: orders.id }),
  );
  const [row] = await db.with(inserted, expired).select().from(inserted);
  if (!row) throw new Error("insertOrderKeepingNewest returned no row");
  return row;
}

/** Records a payment resolved without a matching order, for a human to look at. Repeats are ignored. */
export async function recordPaymentReview(
  db: Database,
  review: { piPaymentId: string; userUid: string; amount: string; memo: string; outcome: string; txid: string | null; reason: string },
) {
  await db.insert(paymentReviews).values(review).onConflictDoNothing();
}

/** Orders in `statuses` created before `before`, oldest first: what an admin should look at. */
export function listOrdersNeedingAttention(db: Database, statuses: readonly OrderStatus[], before: Date, limit = 50): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(and(inArray(orders.status, [...statuses]), lte(orders.createdAt, before)))
    .orderBy(asc(orders.createdAt))
    .limit(limit);
}

/** The newest orders bound to a Pi payment, leaving out those in review (Pi may not know their payment). */
export function newestBoundOrders(db: Database, limit: number): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(and(isNotNull(orders.piPaymentId), sql`${orders.status} <> 'needs_review'`))
    .orderBy(desc(orders.createdAt))
    .limit(limit);
}

export function listPaymentReviews(db: Database, limit = 50) {
  return db.select().from(paymentReviews).orderBy(desc(paymentReviews.createdAt)).limit(limit);
}

/** The newest paid orders: what an admin may refund. */
export function listPaidOrders(db: Database, limit = 10): Promise<Order[]> {
  return db.select().from(orders).where(eq(orders.status, "paid")).orderBy(desc(orders.updatedAt)).limit(limit);
}
