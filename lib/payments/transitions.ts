import type { OrderStatus } from "@/lib/db/schema";

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
