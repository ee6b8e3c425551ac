// @vitest-environment node
// An order's refunds: the latest attempt is the one shown, and another may follow only a failure that paid nothing.
import { describe, expect, it } from "vitest";
import type { Payout } from "@/lib/db/schema";
import { latestRefunds, mayRefundAgain, refundAttempt, refundKey, toRefundView } from "@/lib/payouts/views";

const orderId = "0b5c7f2e-8a41-4a8e-9d4c-2f1e6b3a9c70";
const txid = "c".repeat(64);
const payout = (over: Partial<Payout>): Payout =>
  ({ id: "p", businessKey: refundKey(orderId), userUid: "u", amount: "5.0000000", memo: "Refund", status: "queued", txid: null, lastError: null, ...over }) as Payout;

describe("refund keys", () => {
  it("name the order and the attempt, the first without a number", () => {
    expect([refundKey(orderId), refundKey(orderId, 3)]).toEqual([`refund:${orderId}`, `refund:${orderId}#3`]);
    expect(refundAttempt(refundKey(orderId, 3))).toEqual({ orderId, attempt: 3 });
    expect(refundAttempt(refundKey(orderId))).toEqual({ orderId, attempt: 1 });
    expect(refundAttempt("reward:action-1")).toBeNull();
  });

  it("pick each order's latest attempt, whatever the order of the rows", () => {
    const rows = [payout({ id: "second", businessKey: refundKey(orderId, 2) }), payout({ id: "first" }), payout({ id: "reward", businessKey: "reward:x" })];
    expect([...latestRefunds(rows)].map(([order, row]) => [order, row.id])).toEqual([[orderId, "second"]]);
  });
});

describe("asking again", () => {
  it("is allowed only after a failure or cancel that paid nothing", () => {
    expect(mayRefundAgain(payout({ status: "failed", lastError: "missing_wallet" }))).toBe(true);
    expect(mayRefundAgain(payout({ status: "cancelled", lastError: "cancelled_at_pi" }))).toBe(true);
    expect(mayRefundAgain(payout({ status: "failed", lastError: "too_many_failed_transactions" }))).toBe(true);
    for (const lastError of ["cancelled_after_payment", "completed_with_other_transaction", "completed_without_transaction", "paid_after_close"]) {
      expect(mayRefundAgain(payout({ status: "failed", lastError }))).toBe(false);
    }
    for (const status of ["queued", "submitted", "on_chain", "completed", "needs_consent"] as const) expect(mayRefundAgain(payout({ status }))).toBe(false);
  });

  it("shows a refund whose money reached the chain as refunded, even when Pi's record made it fail", () => {
    expect(toRefundView(payout({ status: "failed", lastError: "cancelled_after_payment", txid }))).toEqual({ status: "refunded", amount: 5, txid });
    expect(toRefundView(payout({ status: "cancelled", lastError: "paid_after_close", txid }))).toEqual({ status: "refunded", amount: 5, txid });
    expect(toRefundView(payout({ status: "failed", lastError: "missing_wallet" }))).toEqual({ status: "failed", amount: 5, txid: null });
  });
});
