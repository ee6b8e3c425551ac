import "server-only";
import { AppError, type IncompleteOutcome } from "@/lib/contract";
import { getDb, type Database } from "@/lib/db";
import { bindPayment, recordPaymentReview } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { getPiEnv } from "@/lib/config/server";
import type { PiPayment } from "@/lib/pi/mappers";
import { logError } from "@/lib/log";
import { piApi } from "@/lib/pi/platform-api";
import { ensurePiStep, readPayment } from "./pi-steps";
import { checkCompletion, checkIncompleteOwnership, decideIncomplete } from "./rules";
import { completeWithPi, markOrderCancelled, orderForPayment, paymentReview, reject, reload, reviewCancelledWithTransaction, settlePayment } from "./settlement";

/**
 * Writes the review row. The payment is already resolved with Pi by then, so a failure here is
 * logged, never turned into an error for the Pioneer.
 */
async function review(db: Database, payment: PiPayment, outcome: IncompleteOutcome["outcome"], reason: string): Promise<IncompleteOutcome> {
  try {
    await recordPaymentReview(db, paymentReview(payment, outcome, reason));
  } catch (error) {
    logError("payments.review_not_written", { paymentId: payment.id, reason, error: error instanceof Error ? error.name : "error" });
  }
  return { outcome, order: null, needsReview: true };
}

/**
 * Resolves a payment Pi's SDK reported as unfinished, from Pi's record only (the client sends
 * just the id): with a transaction, complete it so a purchase whose completion was lost is still
 * delivered; without one, cancel it so the Pioneer can pay again.
 */
export async function resolveIncompletePayment(userUid: string, paymentId: string): Promise<IncompleteOutcome> {
  const payment = await readPayment(paymentId);
  const ownership = checkIncompleteOwnership(payment, userUid, getPiEnv().network);
  if (!ownership.ok) reject(ownership);
  return resolve(await getDb(), payment, userUid, true);
}

async function resolve(db: Database, payment: PiPayment, userUid: string, mayReread: boolean): Promise<IncompleteOutcome> {
  const order = await orderForPayment(db, payment, userUid);
  const action = decideIncomplete(payment);
  if (action === "cancel") {
    try {
      await ensurePiStep(payment.id, () => piApi.cancel(payment.id), (p) => p.cancelled);
    } catch (error) {
      // The Pioneer's transaction arrived between our read and the cancel: decide again, once.
      if (mayReread && error instanceof AppError && error.code === "pi_refused") return resolve(db, await readPayment(payment.id), userUid, false);
      throw error;
    }
  }
  if (action === "review_cancelled_with_transaction") {
    return { outcome: "cancelled", order: await reviewCancelledWithTransaction(db, payment, order), needsReview: true };
  }
  if (action === "cancel" || action === "record_cancelled") {
    if (order) return { outcome: "cancelled", order: await markOrderCancelled(db, order, payment.id), needsReview: false };
    return review(db, payment, "cancelled", "no matching order");
  }
  return completeIncomplete(db, payment, order, userUid);
}

async function completeIncomplete(db: Database, payment: PiPayment, order: Order | null, userUid: string): Promise<IncompleteOutcome> {
  const txid = payment.txid;
  if (!txid) return review(db, payment, "completed", "completed_without_transaction");
  // Judge an unbound order as if bound, and bind it only when every rule passes.
  const candidate = order && order.piPaymentId === null ? { ...order, piPaymentId: payment.id } : order;
  const decision = checkCompletion(payment, candidate, userUid, getPiEnv().network, txid);
  const bound = decision.ok && order ? await bindOrReload(db, order, payment.id) : null;
  if (bound && bound.status !== "cancelled") {
    return { outcome: "completed", order: await settlePayment(db, { ...payment, txid }, bound), needsReview: false };
  }
  // The Pioneer's money already moved and Pi blocks them until this payment is completed, so
  // complete it with Pi, deliver nothing, and leave it for a human.
  await completeWithPi(payment, txid);
  const reason = !decision.ok ? decision.code : bound ? "order_cancelled" : "order_taken_by_another_payment";
  return review(db, payment, "completed", reason);
}

/** The order bound to this payment: binds it if still free, or finds that a concurrent call did. */
async function bindOrReload(db: Database, order: Order, paymentId: string): Promise<Order | null> {
  if (order.piPaymentId === paymentId) return order;
  const bound = (await bindPayment(db, order.id, paymentId)) ?? (await reload(db, order));
  return bound.piPaymentId === paymentId ? bound : null;
}
