import "server-only";
import { getDb, type Database } from "@/lib/db";
import { bindPayment, recordPaymentReview } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { getPiEnv } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { PiPayment } from "@/lib/pi/mappers";
import * as pi from "@/lib/pi/platform-api";
import type { OrderView } from "./orders";
import { ensurePiStep, readPayment } from "./pi-steps";
import { checkCompletion, checkPaymentBasics, decideIncomplete } from "./rules";
import { markOrderCancelled, orderForPayment, reject, settlePayment } from "./settlement";

export type IncompleteOutcome = {
  outcome: "completed" | "cancelled";
  order: OrderView | null;
  /** True when no order of the caller matched, so nothing was delivered and a review row was written. */
  needsReview: boolean;
};

async function review(db: Database, payment: PiPayment, outcome: IncompleteOutcome["outcome"], reason: string): Promise<IncompleteOutcome> {
  await recordPaymentReview(db, {
    piPaymentId: payment.id,
    userUid: payment.userUid,
    amount: payment.amount.toFixed(7),
    memo: payment.memo,
    outcome,
    txid: payment.txid,
    reason,
  });
  return { outcome, order: null, needsReview: true };
}

/**
 * Resolves a payment Pi's SDK reported as unfinished, from Pi's record only (the client sends
 * just the id): with a transaction, complete it so a purchase whose completion was lost is still
 * delivered; without one, cancel it so the Pioneer can pay again.
 */
export async function resolveIncompletePayment(userUid: string, paymentId: string): Promise<IncompleteOutcome> {
  const payment = await readPayment(paymentId);
  const basics = checkPaymentBasics(payment, userUid, getPiEnv().network);
  if (!basics.ok) reject(basics);
  return resolve(await getDb(), payment, userUid, true);
}

async function resolve(db: Database, payment: PiPayment, userUid: string, mayReread: boolean): Promise<IncompleteOutcome> {
  const order = await orderForPayment(db, payment, userUid);
  const action = decideIncomplete(payment);
  if (action === "cancel") {
    try {
      await ensurePiStep(payment.id, () => pi.cancelPayment(payment.id), (p) => p.cancelled);
    } catch (error) {
      // The Pioneer's transaction arrived between our read and the cancel: decide again, once.
      if (mayReread && error instanceof AppError && error.code === "pi_refused") return resolve(db, await readPayment(payment.id), userUid, false);
      throw error;
    }
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
  const bound = decision.ok && order?.piPaymentId === null ? await bindPayment(db, order.id, payment.id) : order;
  if (decision.ok && bound) {
    return { outcome: "completed", order: await settlePayment(db, { ...payment, txid }, bound), needsReview: false };
  }
  // The Pioneer's money already moved and Pi blocks them until this payment is completed, so
  // complete it with Pi, deliver nothing, and leave it for a human.
  if (!payment.completed) await ensurePiStep(payment.id, () => pi.completePayment(payment.id, txid), (p) => p.completed);
  return review(db, payment, "completed", decision.ok ? "order_taken_by_another_payment" : decision.code);
}
