import "server-only";
import type { Database } from "@/lib/db";
import { updateOrderStatus, type OrderUpdateOptions } from "@/lib/db/repositories/orders";
import type { Order, OrderStatus } from "@/lib/db/schema";

/**
 * The order state machine, in one place. Statuses only move forward; all but the first two are
 * final. A cancelled or expired order is never revived: the Pioneer buys again with a new order.
 * `needs_review` takes an order out of every automatic path; a person settles it.
 */
const allowed: Record<OrderStatus, readonly OrderStatus[]> = {
  awaiting_payment: ["approved", "cancelled", "expired", "needs_review"],
  approved: ["paid", "cancelled", "needs_review"],
  paid: [],
  cancelled: [],
  expired: [],
  needs_review: [],
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
  options: OrderUpdateOptions = {},
): Promise<Order | null> {
  if (!canTransition(from, to)) throw new Error(`illegal order transition ${from} → ${to}`);
  return updateOrderStatus(db, orderId, from, to, options);
}
