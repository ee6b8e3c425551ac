import "server-only";
import type { Transaction } from "@/lib/db";
import { insertFulfilment } from "@/lib/db/repositories/fulfilments";
import type { Order } from "@/lib/db/schema";

/**
 * Deliver the goods: the one place a fork puts what a purchase gives the Pioneer.
 *
 * It runs exactly once per paid order, inside the database transaction that marks the order paid,
 * after Pi accepted the completion. If it throws, the order stays `approved` (the payment is
 * complete at Pi) and reconciliation runs it again. Use `tx` for every write so they commit
 * together; don't call slow external services here, queue them instead.
 *
 * The sample records a delivery row; "What you own" (./owned.ts) is computed from those rows.
 */
export async function fulfilOrder(tx: Transaction, order: Order): Promise<void> {
  await insertFulfilment(tx, { orderId: order.id, userUid: order.userUid, productId: order.productId });
}
