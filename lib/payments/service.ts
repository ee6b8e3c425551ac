import "server-only";
import { getDb, type Database } from "@/lib/db";
import { bindPayment, findOrder, findOrderByPayment, transitionOrder } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { getPiEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { PiPayment } from "@/lib/pi/mappers";
import * as pi from "@/lib/pi/platform-api";
import { fulfilOrder } from "./fulfilment";
import { toOrderView, type OrderView } from "./orders";
import { ensurePiStep, readPayment } from "./pi-steps";
import { checkApproval, checkCompletion, checkPaymentBasics, type RejectionCode, type RuleFailure } from "./rules";

const ruleStatus: Record<RejectionCode, number> = {
  payment_not_yours: 403,
  wrong_direction: 422,
  wrong_network: 422,
  payment_cancelled: 409,
  order_not_found: 404,
  order_not_awaiting_payment: 409,
  order_bound_to_other_payment: 409,
  amount_mismatch: 422,
  payment_not_bound: 409,
  transaction_missing: 409,
  txid_mismatch: 422,
};

export function reject(failure: RuleFailure): never {
  throw new AppError(ruleStatus[failure.code], failure.code, failure.message);
}

async function reload(db: Database, order: Order): Promise<Order> {
  return (await findOrder(db, order.id)) ?? order;
}

/** Approves a payment for the caller's order after every rule passes; repeats return the current state. */
export async function approvePayment(userUid: string, paymentId: string): Promise<OrderView> {
  const payment = await readPayment(paymentId);
  const db = await getDb();
  const decision = checkApproval(payment, payment.orderId ? await findOrder(db, payment.orderId) : null, userUid, getPiEnv().network);
  if (!decision.ok) reject(decision);
  const { order } = decision;
  if (order.status !== "awaiting_payment") return toOrderView(order);

  if (!(await bindPayment(db, order.id, payment.id))) {
    // Lost a race: fine if the winner bound this same payment, a rejection otherwise.
    const current = await reload(db, order);
    const retry = checkApproval(payment, current, userUid, getPiEnv().network);
    if (!retry.ok) reject(retry);
    return toOrderView(current);
  }
  if (!payment.approved) await ensurePiStep(payment.id, () => pi.approvePayment(payment.id), (p) => p.approved);
  return toOrderView((await transitionOrder(db, order.id, "awaiting_payment", "approved")) ?? (await reload(db, order)));
}

/**
 * Completes a payment with Pi, then marks its order paid and runs the fulfilment hook in one
 * database transaction. Only after Pi accepts: a completion Pi refused delivers nothing.
 */
export async function settlePayment(db: Database, payment: PiPayment & { txid: string }, order: Order): Promise<OrderView> {
  if (order.status === "paid") return toOrderView(order);
  if (order.status === "cancelled") throw new AppError(409, "order_cancelled", "This order was cancelled.");
  if (!payment.completed) await ensurePiStep(payment.id, () => pi.completePayment(payment.id, payment.txid), (p) => p.completed);

  const paid = await db.transaction(async (tx) => {
    // Pi approved it (it has a transaction) even if our own record of the approval was lost.
    if (order.status === "awaiting_payment") await transitionOrder(tx, order.id, "awaiting_payment", "approved");
    const row = await transitionOrder(tx, order.id, "approved", "paid", payment.txid);
    if (row) await fulfilOrder(tx, row);
    return row;
  });
  return toOrderView(paid ?? (await reload(db, order)));
}

/** Completes the caller's payment with the txid Pi recorded for it; repeats return the paid order. */
export async function completePayment(userUid: string, paymentId: string, txid: string): Promise<OrderView> {
  const payment = await readPayment(paymentId);
  const db = await getDb();
  const decision = checkCompletion(payment, await findOrderByPayment(db, payment.id), userUid, getPiEnv().network, txid);
  if (!decision.ok) reject(decision);
  return settlePayment(db, { ...payment, txid: decision.txid }, decision.order);
}

/** The order a payment is for: the one it was bound to, or the caller's unbound order its metadata names. */
export async function orderForPayment(db: Database, payment: PiPayment, userUid: string): Promise<Order | null> {
  const bound = await findOrderByPayment(db, payment.id);
  if (bound) return bound;
  const named = payment.orderId ? await findOrder(db, payment.orderId) : null;
  return named && named.userUid === userUid && named.piPaymentId === null ? named : null;
}

export async function markOrderCancelled(db: Database, order: Order): Promise<OrderView> {
  for (const from of ["awaiting_payment", "approved"] as const) {
    if (order.status === from) {
      const row = await transitionOrder(db, order.id, from, "cancelled");
      if (row) return toOrderView(row);
    }
  }
  return toOrderView(await reload(db, order));
}

/** Records a cancellation (the Pioneer's, Pi's, or an SDK error) — only if Pi's record says cancelled. */
export async function cancelPayment(userUid: string, paymentId: string): Promise<OrderView | null> {
  const payment = await readPayment(paymentId);
  const basics = checkPaymentBasics(payment, userUid, getPiEnv().network);
  if (!basics.ok) reject(basics);
  if (!payment.cancelled && !payment.userCancelled) {
    throw new AppError(409, "payment_not_cancelled", "Pi does not report this payment as cancelled, so the order stays open.");
  }
  const db = await getDb();
  const order = await orderForPayment(db, payment, userUid);
  return order ? markOrderCancelled(db, order) : null;
}
