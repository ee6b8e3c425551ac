import "server-only";
import type { Database } from "@/lib/db";
import { fulfilments, type Order } from "@/lib/db/schema";

/**
 * Deliver the goods. This is the one place a fork puts what a purchase gives the Pioneer.
 *
 * It runs exactly once per paid order, inside the same database transaction that marks the order
 * paid, after Pi accepted the completion. If it throws, the order stays `approved` (the Pioneer's
 * payment is complete at Pi) and reconciliation runs it again: the client's retry, the next time
 * the app opens (POST /api/payments/reconcile), or a scheduled job. Use `tx` for every database
 * write so they commit together. Don't call slow external services here; queue them instead.
 */
export async function fulfilOrder(tx: Database, order: Order): Promise<void> {
  await tx.insert(fulfilments).values({ orderId: order.id, userUid: order.userUid, productId: order.productId });
}
