import "server-only";
import { AppError, type OrderView } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { bindPayment, findOrder, findOrderByPayment } from "@/lib/db/repositories/orders";
import { getPiEnv } from "@/lib/config/server";
import type { PiPayment } from "@/lib/pi/mappers";
import { annotate } from "@/lib/log";
import { piApi } from "@/lib/pi/platform-api";
import { transitionOrder } from "./order-states";
import { toOrderView } from "./orders";
import { ensurePiStep, readPayment } from "./pi-steps";
import { checkApproval, checkCompletion, checkPaymentBasics, type RuleFailure } from "./rules";
import { markOrderCancelled, orderForPayment, reject, reload, settlePayment } from "./settlement";

/** Refusals about the order or its terms: the payment is the caller's own, to the app, on our network. */
const refusalsToCancel = new Set<RuleFailure["code"]>(["amount_mismatch", "memo_mismatch", "order_not_found", "order_not_awaiting_payment", "order_bound_to_other_payment"]);

/**
 * Refuses an approval. A payment of the caller's own that we will never approve is cancelled with
 * Pi at once, so the Pioneer can pay again now rather than after Pi's timeout; the refusal stands
 * even if the cancel fails (Pi then cancels it when it times out).
 */
async function refuse(payment: PiPayment, failure: RuleFailure): Promise<never> {
  if (refusalsToCancel.has(failure.code) && !payment.cancelled && !payment.txid) {
    await piApi.cancel(payment.id).catch(() => undefined);
  }
  reject(failure);
}

/** Approves a payment for the caller's order after every rule passes; repeats return the current state. */
export async function approvePayment(userUid: string, paymentId: string): Promise<OrderView> {
  const payment = await readPayment(paymentId);
  const db = await getDb();
  const decision = checkApproval(payment, payment.orderId ? await findOrder(db, payment.orderId) : null, userUid, getPiEnv().network);
  if (!decision.ok) return refuse(payment, decision);
  const { order } = decision;
  annotate({ orderId: order.id });
  if (order.status !== "awaiting_payment") return toOrderView(order);

  if (!(await bindPayment(db, order.id, payment.id))) {
    // Lost a race: fine if the winner bound this same payment, a refusal otherwise.
    const current = await reload(db, order);
    const retry = checkApproval(payment, current, userUid, getPiEnv().network);
    if (!retry.ok) return refuse(payment, retry);
    return toOrderView(current);
  }
  if (!payment.approved) await ensurePiStep(payment.id, () => piApi.approve(payment.id), (p) => p.approved);
  return toOrderView((await transitionOrder(db, order.id, "awaiting_payment", "approved")) ?? (await reload(db, order)));
}

/** Completes the caller's payment with the txid Pi recorded for it; repeats return the paid order. */
export async function completePayment(userUid: string, paymentId: string, txid: string): Promise<OrderView> {
  const payment = await readPayment(paymentId);
  const db = await getDb();
  const decision = checkCompletion(payment, await findOrderByPayment(db, payment.id), userUid, getPiEnv().network, txid);
  if (!decision.ok) reject(decision);
  annotate({ orderId: decision.order.id });
  return settlePayment(db, { ...payment, txid: decision.txid }, decision.order);
}

/** Records a cancellation (the Pioneer's, Pi's, or an SDK error) — only if Pi's record says cancelled. */
export async function cancelPayment(userUid: string, paymentId: string): Promise<OrderView | null> {
  const payment = await readPayment(paymentId);
  const basics = checkPaymentBasics(payment, userUid, getPiEnv().network);
  if (!basics.ok) reject(basics);
  if (!payment.cancelled) {
    throw new AppError("payment_not_cancelled", "Pi does not report this payment as cancelled, so the order stays open.");
  }
  const db = await getDb();
  const order = await orderForPayment(db, payment, userUid);
  return order ? markOrderCancelled(db, order, payment.id) : null;
}
