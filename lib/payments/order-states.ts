import "server-only";
import type { Database } from "@/lib/db";
import { updateOrderStatus } from "@/lib/db/repositories/orders";
import type { Order, OrderStatus } from "@/lib/db/schema";

/**
 * The order state machine, in one place. Statuses only move forward; `paid` and `cancelled` are
 * final. A cancelled order is never revived: the Pioneer buys again with a new order.
 */
const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ["approved", "cancelled"],
  approved: ["paid", "cancelled"],
  paid: [],
  cancelled: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return allowed[from].includes(to);
}

/** A legal move, applied only if the order is still in `from`; null when a concurrent call moved it first. */
export function transitionOrder(
  db: Database,
  orderId: string,
  from: OrderStatus,
  to: OrderStatus,
  options: { txid?: string; unlessBoundToOtherThan?: string } = {},
): Promise<Order | null> {
  if (!canTransition(from, to)) throw new Error(`illegal order transition ${from} → ${to}`);
  return updateOrderStatus(db, orderId, from, to, options);
}
