// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { PiPayment } from "@/lib/pi/mappers";
import { checkApproval, checkCompletion, checkIncompleteOwnership, decideIncomplete, isNamedOrderFor, type OrderFacts } from "@/lib/payments/rules";

const alice = "11111111-1111-4111-8111-111111111111";
const bob = "22222222-2222-4222-8222-222222222222";
const txid = "a".repeat(64);

const payment = (over: Partial<PiPayment> = {}): PiPayment => ({
  id: "pay123",
  userUid: alice,
  amount: 3.14,
  memo: "Pro",
  orderId: "order-1",
  direction: "user_to_app",
  network: "Pi Testnet",
  approved: false,
  completed: false,
  cancelled: false,
  txid: null,
  createdAt: null,
  ...over,
});

const order = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  id: "order-1",
  userUid: alice,
  amount: "3.1400000",
  memo: "Pro",
  status: "awaiting_payment",
  piPaymentId: null,
  txid: null,
  ...over,
});

const approve = (p: PiPayment, o: OrderFacts | null) => checkApproval(p, o, alice, "Pi Testnet");
const codeOf = (d: { ok: boolean; code?: string }) => (d.ok ? "ok" : d.code);

describe("approval rules", () => {
  it("approves the caller's payment for their awaiting order at the exact price", () => {
    expect(codeOf(approve(payment(), order()))).toBe("ok");
  });

  it.each([
    ["payment_not_yours", payment({ userUid: bob }), order()],
    ["wrong_direction", payment({ direction: "app_to_user" }), order()],
    ["wrong_direction", payment({ direction: null }), order()],
    ["wrong_network", payment({ network: "Pi Network" }), order()],
    ["wrong_network", payment({ network: null }), order()],
    ["payment_cancelled", payment({ cancelled: true }), order()],
    ["order_not_found", payment({ orderId: null }), null],
    ["order_not_found", payment(), order({ userUid: bob })],
    ["order_bound_to_other_payment", payment(), order({ piPaymentId: "other" })],
    ["order_not_awaiting_payment", payment(), order({ status: "cancelled" })],
    ["amount_mismatch", payment({ amount: 3.13 }), order()],
    ["amount_mismatch", payment({ amount: 3.1400001 }), order()],
    ["amount_mismatch", payment({ amount: 31.4 }), order()],
    ["memo_mismatch", payment({ memo: "Pro (discounted)" }), order()],
  ] as const)("rejects with %s", (code, p, o) => {
    expect(codeOf(approve(p, o))).toBe(code);
  });

  it("lets a retry for the same payment through once the order is approved or paid", () => {
    expect(codeOf(approve(payment({ approved: true }), order({ status: "approved", piPaymentId: "pay123" })))).toBe("ok");
    expect(codeOf(approve(payment({ approved: true }), order({ status: "paid", piPaymentId: "pay123" })))).toBe("ok");
  });
});

describe("completion rules", () => {
  const bound = order({ status: "approved", piPaymentId: "pay123" });
  const withTx = payment({ approved: true, txid });
  const complete = (p: PiPayment, o: OrderFacts | null, t = txid) => checkCompletion(p, o, alice, "Pi Testnet", t);

  it("completes with the txid Pi recorded for this payment", () => {
    const decision = complete(withTx, bound);
    expect(decision.ok && decision.txid).toBe(txid);
  });

  it.each([
    ["payment_not_yours", payment({ userUid: bob, txid }), bound, txid],
    ["wrong_network", payment({ network: "Pi Network", txid }), bound, txid],
    ["wrong_direction", payment({ direction: "app_to_user", txid }), bound, txid],
    ["payment_not_bound", withTx, null, txid],
    ["payment_not_bound", withTx, order({ status: "approved", piPaymentId: "another" }), txid],
    ["payment_not_bound", withTx, order({ status: "approved", piPaymentId: "pay123", userUid: bob }), txid],
    ["payment_cancelled", payment({ txid, cancelled: true }), bound, txid],
    ["transaction_missing", payment({ approved: true }), bound, txid],
    ["txid_mismatch", withTx, bound, "b".repeat(64)],
    ["amount_mismatch", payment({ txid, amount: 1 }), bound, txid],
    ["memo_mismatch", payment({ txid, memo: "" }), bound, txid],
  ] as const)("rejects with %s", (code, p, o, t) => {
    expect(codeOf(complete(p, o, t))).toBe(code);
  });
});

describe("incomplete payments", () => {
  const owner = (p: PiPayment) => codeOf(checkIncompleteOwnership(p, alice, "Pi Testnet"));

  it("may be resolved by their own Pioneer, even from a 2022 payload without direction or network", () => {
    expect(owner(payment())).toBe("ok");
    expect(owner(payment({ direction: null, network: null }))).toBe("ok");
  });

  it("may not be resolved by another Pioneer, for a payout, or on another network", () => {
    expect(owner(payment({ userUid: bob }))).toBe("payment_not_yours");
    expect(owner(payment({ direction: "app_to_user" }))).toBe("wrong_direction");
    expect(owner(payment({ network: "Pi Network" }))).toBe("wrong_network");
  });

  it("completes a payment with a transaction and cancels one without", () => {
    expect(decideIncomplete(payment({ approved: true, txid }))).toBe("complete");
    expect(decideIncomplete(payment({ approved: true }))).toBe("cancel");
    expect(decideIncomplete(payment())).toBe("cancel");
  });

  it("only records payments Pi already finished", () => {
    expect(decideIncomplete(payment({ txid, completed: true }))).toBe("record_completed");
    expect(decideIncomplete(payment({ cancelled: true }))).toBe("record_cancelled");
  });

  it("sends a cancelled payment that carries a transaction to a person", () => {
    expect(decideIncomplete(payment({ approved: true, cancelled: true, txid }))).toBe("review_cancelled_with_transaction");
  });
});

describe("the order a payment's metadata names", () => {
  it("is the caller's order for the payment while it is free", () => {
    expect(isNamedOrderFor(order(), payment(), alice)).toBe(true);
  });

  it("stays the payment's order once a concurrent call for the same payment has bound it", () => {
    expect(isNamedOrderFor(order({ piPaymentId: "pay123" }), payment(), alice)).toBe(true);
  });

  it("is not when another payment holds it, another Pioneer owns it, or there is none", () => {
    expect(isNamedOrderFor(order({ piPaymentId: "other-payment" }), payment(), alice)).toBe(false);
    expect(isNamedOrderFor(order({ userUid: bob }), payment(), alice)).toBe(false);
    expect(isNamedOrderFor(null, payment(), alice)).toBe(false);
  });
});
