import "server-only";
import { getDb, type Database } from "@/lib/db";
import { bindPayment, recordPaymentReview } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { getPiEnv } from "@/lib/env";
import type { PiPayment } from "@/lib/pi/mappers";
import * as pi from "@/lib/pi/platform-api";
import type { OrderView } from "./orders";
import { ensurePiStep, readPayment } from "./pi-steps";
import { checkCompletion, checkPaymentBasics, decideIncomplete } from "./rules";
import { markOrderCancelled, orderForPayment, reject, settlePayment } from "./service";

export type IncompleteOutcome = {
  outcome: "completed" | "cancelled";
  order: OrderView | null;
  /** True when no order of the caller matched, so nothing was delivered and a review row was written. */
  needsReview: boolean;
};

function review(db: Database, payment: PiPayment, outcome: IncompleteOutcome["outcome"], reason: string) {
  return recordPaymentReview(db, {
    piPaymentId: payment.id,
    userUid: payment.userUid,
    amount: payment.amount.toFixed(7),
    memo: payment.memo,
    outcome,
    txid: payment.txid,
    reason,
  });
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
  const db = await getDb();
  const order = await orderForPayment(db, payment, userUid);
  const action = decideIncomplete(payment);

  if (action === "cancel" || action === "record_cancelled") {
    if (action === "cancel") await ensurePiStep(payment.id, () => pi.cancelPayment(payment.id), (p) => p.cancelled || p.userCancelled);
    if (order) return { outcome: "cancelled", order: await markOrderCancelled(db, order), needsReview: false };
    await review(db, payment, "cancelled", "no matching order");
    return { outcome: "cancelled", order: null, needsReview: true };
  }
  return completeIncomplete(db, payment, order, userUid);
}

async function completeIncomplete(db: Database, payment: PiPayment, order: Order | null, userUid: string): Promise<IncompleteOutcome> {
  const txid = payment.txid;
  if (!txid) throw new Error("completeIncomplete needs a transaction");
  // An order named by metadata but never bound (approval answer lost) is bound now, if still free.
  const bound = order && order.piPaymentId === null ? await bindPayment(db, order.id, payment.id) : order;
  const decision = checkCompletion(payment, bound, userUid, getPiEnv().network, txid);
  if (decision.ok) {
    return { outcome: "completed", order: await settlePayment(db, { ...payment, txid }, decision.order), needsReview: false };
  }
  // The Pioneer's money already moved and Pi blocks them until this payment is completed, so
  // complete it with Pi, deliver nothing, and leave it for a human.
  if (!payment.completed) await ensurePiStep(payment.id, () => pi.completePayment(payment.id, txid), (p) => p.completed);
  await review(db, payment, "completed", decision.code);
  return { outcome: "completed", order: null, needsReview: true };
}
