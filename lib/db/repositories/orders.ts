import "server-only";
import { and, desc, eq, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
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

/** Ties a Pi payment to an order awaiting payment. Returns null if the order is no longer free for it. */
export async function bindPayment(db: Database, orderId: string, piPaymentId: string): Promise<Order | null> {
  try {
    const [row] = await db
      .update(orders)
      .set({ piPaymentId, updatedAt: sql`now()` })
      .where(
        and(
          eq(orders.id, orderId),
          eq(orders.status, "awaiting_payment"),
          or(isNull(orders.piPaymentId), eq(orders.piPaymentId, piPaymentId)),
        ),
      )
      .returning();
    return row ?? null;
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/**
 * Moves an order from `from` to `to` only if it is still in `from` (UPDATE … WHERE status = from),
 * so concurrent retries cannot both win. Returns the updated order, or null when another call did.
 * Which moves are legal is the payment engine's business (lib/payments/order-states.ts).
 */
export async function updateOrderStatus(
  db: Database,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  options: { txid?: string; unlessBoundToOtherThan?: string } = {},
): Promise<Order | null> {
  const { txid, unlessBoundToOtherThan: paymentId } = options;
  const [row] = await db
    .update(orders)
    .set({ status: to, updatedAt: sql`now()`, ...(txid ? { txid } : {}) })
    .where(
      and(
        eq(orders.id, orderId),
        eq(orders.status, from),
        // A payment may only change an order that is free or already its own.
        paymentId ? or(isNull(orders.piPaymentId), eq(orders.piPaymentId, paymentId)) : undefined,
      ),
    )
    .returning();
  return row ?? null;
}

/** Orders bound to a Pi payment but not settled: what reconciliation re-checks against Pi. */
export function listUnsettledOrdersOf(db: Database, userUid: string): Promise<Order[]> {
  return db
    .select()
    .from(orders)
    .where(and(eq(orders.userUid, userUid), inArray(orders.status, ["awaiting_payment", "approved"]), isNotNull(orders.piPaymentId)))
    .orderBy(desc(orders.createdAt))
    .limit(10);
}

/** Records a payment resolved without a matching order, for a human to look at. Repeats are ignored. */
export async function recordPaymentReview(
  db: Database,
  review: { piPaymentId: string; userUid: string; amount: string; memo: string; outcome: string; txid: string | null; reason: string },
) {
  await db.insert(paymentReviews).values(review).onConflictDoNothing();
}
