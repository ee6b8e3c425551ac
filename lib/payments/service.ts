import "server-only";
import { AppError, type OrderView } from "@/lib/contract";
import { getDb, type Database } from "@/lib/db";
import { bindPayment, bindPaymentOnTerms, findOrder, findOrderByPayment, unbindPayment } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { getPiEnv } from "@/lib/config/server";
import { normalizeAmount, toUnits } from "@/lib/pi/amount";
import type { PiPayment } from "@/lib/pi/mappers";
import { annotate } from "@/lib/log";
import { piApi } from "@/lib/pi/platform-api";
import { transitionOrder } from "./order-states";
import { toOrderView } from "./orders";
import { ensurePiStep, readPayment } from "./pi-steps";
import { checkApproval, checkCompletion, checkPaymentBasics, type RuleFailure } from "./rules";
import { markOrderCancelled, orderForPayment, reject, reload, reviewCancelledWithTransaction, settlePayment } from "./settlement";

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

/**
 * The first approval of a payment, read and bound in one statement: the order's rules written as the
 * bind's conditions. Null sends the caller to the general path (a retry, a refusal, a lost race),
 * which reads the order and judges it. The rules still judge what this bound: should they ever
 * disagree with the statement, the binding is undone and the general path refuses.
 */
async function bindFirstApproval(db: Database, payment: PiPayment, userUid: string, network: string): Promise<Order | null> {
  // A memo PostgreSQL text cannot hold exactly (NUL; lone surrogates, which UTF-8 replaces) can only fail the rules anyway.
  const plainMemo = !payment.memo.includes("\u0000") && Buffer.from(payment.memo, "utf8").toString("utf8") === payment.memo;
  // toUnits refuses an amount finer than Pi's 7 decimals; a valid one prints exactly with toFixed(7).
  if (!payment.orderId || toUnits(payment.amount) === null || !plainMemo || payment.cancelled || !checkPaymentBasics(payment, userUid, network).ok) return null;
  const terms = { userUid, amount: normalizeAmount(payment.amount.toFixed(7)), memo: payment.memo };
  const bound = await bindPaymentOnTerms(db, payment.orderId, payment.id, terms);
  if (!bound || checkApproval(payment, bound, userUid, network).ok) return bound;
  await unbindPayment(db, bound.id, payment.id);
  return null;
}

/** Approves a payment for the caller's order after every rule passes; repeats return the current state. */
export async function approvePayment(userUid: string, paymentId: string): Promise<OrderView> {
  const payment = await readPayment(paymentId);
  const db = await getDb();
  const bound = await bindFirstApproval(db, payment, userUid, getPiEnv().network);
  if (bound) {
    annotate({ orderId: bound.id });
    return approveBound(db, payment, bound);
  }
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
  return approveBound(db, payment, order);
}

/** Pi's approval of a payment bound to `order`, then the order's move to approved. */
async function approveBound(db: Database, payment: PiPayment, order: Order): Promise<OrderView> {
  if (!payment.approved) await ensurePiStep(payment.id, () => piApi.approve(payment.id), (p) => p.approved);
  return toOrderView((await transitionOrder(db, order.id, "awaiting_payment", "approved")) ?? (await reload(db, order)));
}

/** Completes the caller's payment with the txid Pi recorded for it; repeats return the paid order. */
export async function completePayment(userUid: string, paymentId: string, txid: string): Promise<OrderView> {
  const db = await getDb();
  // The order is looked up while Pi is read (both by the id the client sent), saving a round trip of
  // latency; it is judged only against Pi's record, and looked up again should Pi name another id.
  const [payment, byRequestedId] = await Promise.all([readPayment(paymentId), findOrderByPayment(db, paymentId)]);
  const order = payment.id === paymentId ? byRequestedId : await findOrderByPayment(db, payment.id);
  const decision = checkCompletion(payment, order, userUid, getPiEnv().network, txid);
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
  if (payment.txid) return reviewCancelledWithTransaction(db, payment, order);
  return order ? markOrderCancelled(db, order, payment.id) : null;
}
