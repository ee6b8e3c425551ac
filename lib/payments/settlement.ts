import "server-only";
import type { Database } from "@/lib/db";
import { findOrder, findOrderByPayment, transitionOrder } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import type { PiPayment } from "@/lib/pi/mappers";
import * as pi from "@/lib/pi/platform-api";
import { fulfilOrder } from "./fulfilment";
import { toOrderView, type OrderView } from "./orders";
import { ensurePiStep } from "./pi-steps";
import type { RejectionCode, RuleFailure } from "./rules";

/** The order-changing steps shared by the payment routes and reconciliation. */

const ruleStatus: Record<RejectionCode, number> = {
  payment_not_yours: 403,
  wrong_direction: 422,
  wrong_network: 422,
  payment_cancelled: 409,
  order_not_found: 404,
  order_not_awaiting_payment: 409,
  order_bound_to_other_payment: 409,
  amount_mismatch: 422,
  memo_mismatch: 422,
  payment_not_bound: 409,
  transaction_missing: 409,
  txid_mismatch: 422,
};

/** Answers a failed rule with its own code, so the client learns exactly which check failed. */
export function reject(failure: RuleFailure): never {
  throw new AppError(ruleStatus[failure.code], failure.code, failure.message);
}

export async function reload(db: Database, order: Order): Promise<Order> {
  return (await findOrder(db, order.id)) ?? order;
}

/** Completes the payment with Pi, unless Pi's record already shows it completed. */
export async function completeWithPi(payment: PiPayment, txid: string): Promise<void> {
  if (!payment.completed) await ensurePiStep(payment.id, () => pi.completePayment(payment.id, txid), (p) => p.completed);
}

/**
 * Completes a payment with Pi, then marks its order paid and runs the fulfilment hook in one
 * database transaction. Only after Pi accepts: a completion Pi refused delivers nothing.
 */
export async function settlePayment(db: Database, payment: PiPayment & { txid: string }, order: Order): Promise<OrderView> {
  if (order.status === "paid") return toOrderView(order);
  if (order.status === "cancelled") throw new AppError(409, "order_cancelled", "This order was cancelled.");
  await completeWithPi(payment, payment.txid);

  const paid = await db.transaction(async (tx) => {
    // Pi approved it (it has a transaction) even if our own record of the approval was lost.
    if (order.status === "awaiting_payment") await transitionOrder(tx, order.id, "awaiting_payment", "approved");
    const row = await transitionOrder(tx, order.id, "approved", "paid", { txid: payment.txid });
    if (row) await fulfilOrder(tx, row);
    return row;
  });
  return toOrderView(paid ?? (await reload(db, order)));
}

/** The order a payment is for: the one it was bound to, or the caller's unbound order its metadata names. */
export async function orderForPayment(db: Database, payment: PiPayment, userUid: string): Promise<Order | null> {
  const bound = await findOrderByPayment(db, payment.id);
  if (bound) return bound;
  const named = payment.orderId ? await findOrder(db, payment.orderId) : null;
  return named && named.userUid === userUid && named.piPaymentId === null ? named : null;
}

/** Cancels an order after Pi cancelled `paymentId`, unless another payment has taken the order meanwhile. */
export async function markOrderCancelled(db: Database, order: Order, paymentId: string): Promise<OrderView> {
  // Both states are tried, not just the one read earlier: a concurrent approval may have moved it.
  for (const from of ["awaiting_payment", "approved"] as const) {
    const row = await transitionOrder(db, order.id, from, "cancelled", { unlessBoundToOtherThan: paymentId });
    if (row) return toOrderView(row);
  }
  return toOrderView(await reload(db, order));
}
