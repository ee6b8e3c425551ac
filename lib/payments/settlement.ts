import "server-only";
import { AppError, type OrderView } from "@/lib/contract";
import type { Database } from "@/lib/db";
import { findOrder, findOrderByPayment, recordPaymentReview } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import type { PiPayment } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";
import { fulfilOrder } from "@/lib/shop";
import { transitionOrder } from "./order-states";
import { toOrderView } from "./orders";
import { ensurePiStep } from "./pi-steps";
import { isNamedOrderFor, type RuleFailure } from "./rules";

/** The order-changing steps shared by the payment routes and reconciliation. */

/** Answers a failed rule with its own code, so the client learns exactly which check failed. */
export function reject(failure: RuleFailure): never {
  throw new AppError(failure.code, failure.message);
}

export async function reload(db: Database, order: Order): Promise<Order> {
  return (await findOrder(db, order.id)) ?? order;
}

/** Completes the payment with Pi, unless Pi's record already shows it completed. */
export async function completeWithPi(payment: PiPayment, txid: string): Promise<void> {
  if (!payment.completed) await ensurePiStep(payment.id, () => piApi.complete(payment.id, txid), (p) => p.completed);
}

/**
 * Completes a payment with Pi, then marks its order paid and runs the fulfilment hook in one
 * database transaction. Only after Pi accepts: a completion Pi refused delivers nothing.
 */
export async function settlePayment(db: Database, payment: PiPayment & { txid: string }, order: Order): Promise<OrderView> {
  if (order.status === "paid") return toOrderView(order);
  if (order.status === "cancelled") throw new AppError("order_cancelled", "This order was cancelled.");
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
  return isNamedOrderFor(named, payment, userUid) ? named : null;
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

/** The review row of a payment as Pi records it. Amount and memo are the Pioneer's own input, kept as they are (bar NUL, which text cannot hold). */
export function paymentReview(payment: PiPayment, outcome: string, reason: string) {
  return { piPaymentId: payment.id, userUid: payment.userUid, amount: String(payment.amount), memo: payment.memo.replaceAll("\u0000", ""), outcome, txid: payment.txid, reason };
}

/** Takes an order out of every automatic path and leaves a review row saying why. */
export async function markNeedsReview(db: Database, order: Order, reason: string, payment: PiPayment | null): Promise<Order | null> {
  if (order.status !== "awaiting_payment" && order.status !== "approved") return null;
  const moved = await transitionOrder(db, order.id, order.status, "needs_review");
  if (moved && order.piPaymentId) {
    await recordPaymentReview(db, {
      piPaymentId: order.piPaymentId,
      userUid: order.userUid,
      // Pi's figures when Pi has the payment (what the Pioneer actually did), the order's otherwise.
      amount: payment ? String(payment.amount) : order.amount,
      memo: (payment?.memo ?? order.memo).replaceAll("\u0000", ""),
      outcome: "needs_review",
      txid: payment?.txid ?? null,
      reason,
    });
  }
  return moved;
}

/**
 * Pi shows the payment cancelled, yet carrying a transaction: the Pioneer's money may have moved,
 * so the order bound to it goes to a person (as the reconciler sends it), never to "cancelled", and
 * the payment gets a review row in any case. Null when no order of ours is bound to the payment.
 */
export async function reviewCancelledWithTransaction(db: Database, payment: PiPayment, order: Order | null): Promise<OrderView | null> {
  const reason = "cancelled_with_transaction";
  const bound = order?.piPaymentId === payment.id ? order : null;
  const moved = bound ? await markNeedsReview(db, bound, reason, payment) : null;
  // Moving the order wrote the row; with no order of ours, or one already final, it is written here.
  if (!moved) await recordPaymentReview(db, paymentReview(payment, "needs_review", reason));
  return bound ? toOrderView(moved ?? (await reload(db, bound))) : null;
}
