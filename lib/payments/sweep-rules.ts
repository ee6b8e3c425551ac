import type { PiPayment } from "@/lib/pi/mappers";
import { checkCompletion, checkPaymentBasics, type OrderFacts, type RejectionCode } from "./rules";

/**
 * What the reconciler does with one unsettled order. Pure: it decides from the order, Pi's record
 * and the clock, so every branch is tested without a database or Pi.
 */
export type SweepAction =
  | { kind: "leave" }
  /** No payment was ever bound, and the order outlived its time to live. */
  | { kind: "expire" }
  /** Pi has the Pioneer's transaction: complete it with Pi if need be, then deliver. */
  | { kind: "settle"; txid: string }
  /** Approved (or not) but never signed, long enough ago that the Pioneer walked away. */
  | { kind: "cancel_with_pi" }
  /** Pi already cancelled it. */
  | { kind: "record_cancelled" }
  /** It can never settle by itself: a person looks at it. */
  | { kind: "review"; reason: ReviewReason };

export type ReviewReason = RejectionCode | "payment_not_found_at_pi" | "cancelled_with_transaction";

export type SweepClock = {
  now: Date;
  /** How long an order with no payment waits (ORDER_TTL_MINUTES). */
  orderTtlMs: number;
};

/** Pi's own record is the judge of age: an unsigned payment older than this was abandoned. */
export const abandonedAfterMs = 30 * 60 * 1000;

const leave: SweepAction = { kind: "leave" };

export function decideUnbound(order: { createdAt: Date }, clock: SweepClock): SweepAction {
  return clock.now.getTime() - order.createdAt.getTime() > clock.orderTtlMs ? { kind: "expire" } : leave;
}

/** `payment` is Pi's record of the order's bound payment, or null when Pi has no such payment. */
export function decideBound(order: OrderFacts, payment: PiPayment | null, network: string, clock: SweepClock): SweepAction {
  if (!payment) return { kind: "review", reason: "payment_not_found_at_pi" };
  const basics = checkPaymentBasics(payment, order.userUid, network);
  if (!basics.ok) return { kind: "review", reason: basics.code };
  if (payment.cancelled) return payment.txid ? { kind: "review", reason: "cancelled_with_transaction" } : { kind: "record_cancelled" };
  if (payment.txid) {
    const completion = checkCompletion(payment, order, order.userUid, network, payment.txid);
    return completion.ok ? { kind: "settle", txid: completion.txid } : { kind: "review", reason: completion.code };
  }
  if (payment.completed) return { kind: "review", reason: "transaction_missing" };
  const age = payment.createdAt ? clock.now.getTime() - payment.createdAt.getTime() : 0;
  return age > abandonedAfterMs ? { kind: "cancel_with_pi" } : leave;
}
