import type { ErrorCode } from "@/lib/contract";
import type { OrderStatus } from "@/lib/db/schema";
import { amountsEqual } from "@/lib/pi/amount";
import type { PiPayment } from "@/lib/pi/mappers";

/**
 * What makes a Pi payment approvable or completable for an order. Pure functions: no HTTP, no
 * database. Each failed rule has its own code, so a rejection says exactly which check failed.
 */

export type OrderFacts = {
  id: string;
  userUid: string;
  amount: string;
  memo: string;
  status: OrderStatus;
  piPaymentId: string | null;
  txid: string | null;
};

export type RuleFailure = { ok: false; code: RejectionCode; message: string };
export type Decision = { ok: true } | RuleFailure;

export const rejectionMessages = {
  payment_not_yours: "This payment belongs to another Pioneer.",
  wrong_direction: "This is not a payment from a Pioneer to the app.",
  wrong_network: "This payment was made on another Pi network.",
  payment_cancelled: "This payment was cancelled.",
  order_not_found: "No order of yours matches this payment.",
  order_not_awaiting_payment: "This order is not waiting for a payment.",
  order_bound_to_other_payment: "This order is already being paid by another payment.",
  amount_mismatch: "The payment amount does not match the order.",
  memo_mismatch: "The payment memo does not match the order.",
  payment_not_bound: "This payment was not approved for any of your orders.",
  transaction_missing: "Pi has no transaction for this payment yet.",
  txid_mismatch: "This transaction is not the payment's own.",
} as const satisfies Partial<Record<ErrorCode, string>>;
export type RejectionCode = keyof typeof rejectionMessages;

const fail = (code: RejectionCode): RuleFailure => ({ ok: false, code, message: rejectionMessages[code] });

/** The Pioneer must pay exactly what the order says, under the memo the server chose. */
function checkTerms(payment: PiPayment, order: OrderFacts): RuleFailure | null {
  if (!amountsEqual(payment.amount, order.amount)) return fail("amount_mismatch");
  if (payment.memo !== order.memo) return fail("memo_mismatch");
  return null;
}

/** Checks that hold for any payment we act on: the caller's, to the app, on our network. */
export function checkPaymentBasics(payment: PiPayment, userUid: string, network: string): Decision {
  if (payment.userUid !== userUid) return fail("payment_not_yours");
  if (payment.direction !== "user_to_app") return fail("wrong_direction");
  // Missing on 2022-era payloads: treated as a mismatch rather than trusted.
  if (payment.network !== network) return fail("wrong_network");
  return { ok: true };
}

/**
 * May we approve `payment` for `order` (the order its metadata names)? A retry for a pair already
 * approved or paid passes, so the caller can answer it with the current state.
 */
export function checkApproval<O extends OrderFacts>(payment: PiPayment, order: O | null, userUid: string, network: string): { ok: true; order: O } | RuleFailure {
  const basics = checkPaymentBasics(payment, userUid, network);
  if (!basics.ok) return basics;
  if (payment.cancelled) return fail("payment_cancelled");
  if (!order || order.userUid !== userUid) return fail("order_not_found");
  if (order.piPaymentId !== null && order.piPaymentId !== payment.id) return fail("order_bound_to_other_payment");
  // Approved or paid passes only as a retry for this same payment (the binding was checked above).
  if (order.status !== "awaiting_payment" && order.status !== "approved" && order.status !== "paid") return fail("order_not_awaiting_payment");
  return checkTerms(payment, order) ?? { ok: true, order };
}

/**
 * May we complete `payment` with `txid` for the order it was bound to at approval? The txid must
 * be the one Pi recorded for this payment; a txid the client made up or took from another payment fails.
 */
export function checkCompletion<O extends OrderFacts>(
  payment: PiPayment,
  order: O | null,
  userUid: string,
  network: string,
  txid: string,
): { ok: true; order: O; txid: string } | RuleFailure {
  const basics = checkPaymentBasics(payment, userUid, network);
  if (!basics.ok) return basics;
  if (!order || order.userUid !== userUid || order.piPaymentId !== payment.id) return fail("payment_not_bound");
  if (payment.cancelled) return fail("payment_cancelled");
  if (!payment.txid) return fail("transaction_missing");
  if (txid !== payment.txid) return fail("txid_mismatch");
  return checkTerms(payment, order) ?? { ok: true, order, txid: payment.txid };
}

/**
 * Who may resolve a payment Pi reports as unfinished: its own Pioneer, for a payment to the app.
 * Fields missing from 2022-era payloads don't block it (the Pioneer would stay blocked by Pi);
 * the completion rules then send it to review instead of delivering.
 */
export function checkIncompleteOwnership(payment: PiPayment, userUid: string, network: string): Decision {
  if (payment.userUid !== userUid) return fail("payment_not_yours");
  if (payment.direction === "app_to_user") return fail("wrong_direction");
  if (payment.network !== null && payment.network !== network) return fail("wrong_network");
  return { ok: true };
}

/**
 * Whether the order a payment's metadata names is the caller's order for it: theirs, and free or
 * already bound to this very payment. A concurrent call for the same payment may bind it between
 * the lookup by payment and the lookup by name; that order is still this payment's.
 */
export function isNamedOrderFor<O extends OrderFacts>(named: O | null, payment: PiPayment, userUid: string): named is O {
  return named !== null && named.userUid === userUid && (named.piPaymentId === null || named.piPaymentId === payment.id);
}

/** What to do with a payment Pi reports as unfinished, decided from Pi's record only. */
export type IncompleteAction = "complete" | "cancel" | "record_cancelled" | "record_completed" | "review_cancelled_with_transaction";

export function decideIncomplete(payment: PiPayment): IncompleteAction {
  if (payment.completed) return "record_completed";
  // Cancelled, yet with a transaction: money may have moved, so a person looks (as in the reconciler).
  if (payment.cancelled) return payment.txid ? "review_cancelled_with_transaction" : "record_cancelled";
  return payment.txid ? "complete" : "cancel";
}
