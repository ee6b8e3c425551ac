// @vitest-environment node
// Every payout rule: what the worker does given our row, Pi's record and what Horizon says.
import { describe, expect, it } from "vitest";
import type { PiPayout } from "@/lib/pi/mappers";
import {
  canAfford,
  classifyCreateRefusal,
  decideCreated,
  decideInFlight,
  decideOnChain,
  decideOpenPayment,
  envelopeLifetimeMs,
  maxFailedTransactions,
  payoutTermsProblem,
  settleMarginMs,
  unknownPaymentGraceMs,
  type PayoutFacts,
} from "@/lib/payouts/rules";
import { canMovePayout, openPayoutStatuses } from "@/lib/payouts/states";
import { payoutStatuses } from "@/lib/db/schema";

const alice = "11111111-1111-4111-8111-111111111111";
const wallet = "GDY7QZ7MTRXIYRXIOJ2CQFKY5KN5L6V2HDGEIPBZSSRHUSKZE6PNMPGX";
const aliceWallet = "GCZW7HVZ6XRYDJSVQ6XPO3NRL4FY4DQCI2ZU2OG4RNEZKO7UKXNDAPP2";
const expected = { network: "Pi Testnet", walletPublicKey: wallet };
const now = new Date("2026-06-01T12:00:00Z");
const seconds = (s: number) => new Date(now.getTime() + s * 1000);
const hash = "a".repeat(64);
const otherHash = "b".repeat(64);

const payout = (over: Partial<PayoutFacts> = {}): PayoutFacts => ({ id: "payout-1", userUid: alice, amount: "5.0000000", txid: hash, validUntil: seconds(100), failedTransactions: 0, ...over });

const pi = (over: Partial<PiPayout> = {}): PiPayout => ({
  id: "PayoutPayment000000000000001",
  userUid: alice,
  amount: 5,
  memo: "Refund: Pro for a month",
  payoutId: "payout-1",
  direction: "app_to_user",
  network: "Pi Testnet",
  fromAddress: wallet,
  toAddress: aliceWallet,
  approved: true,
  completed: false,
  cancelled: false,
  txid: null,
  createdAt: seconds(-60),
  ...over,
});

describe("the payout state machine", () => {
  it("moves forward only, with the exits the worker needs and nothing out of a final state", () => {
    const path = ["queued", "created", "signed", "submitted", "on_chain", "completed"] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(canMovePayout(path[i] ?? "queued", path[i + 1] ?? "queued")).toBe(true);
    expect(canMovePayout("queued", "needs_consent")).toBe(true);
    expect(canMovePayout("needs_consent", "queued")).toBe(true);
    // A new envelope only from a settled one: back to created, never straight to another signed one.
    expect(canMovePayout("submitted", "created")).toBe(true);
    expect(canMovePayout("submitted", "signed")).toBe(false);
    expect(canMovePayout("on_chain", "created")).toBe(false);
    expect(canMovePayout("on_chain", "cancelled")).toBe(false);
    expect(canMovePayout("queued", "signed")).toBe(false);
    for (const final of ["completed", "cancelled", "failed"] as const) {
      for (const to of payoutStatuses) expect(canMovePayout(final, to)).toBe(false);
    }
    expect(openPayoutStatuses).toEqual(["queued", "created", "signed", "submitted", "on_chain"]);
  });
});

describe("Pi's record against the payout", () => {
  it("accepts the payment the payout asked for, from our wallet", () => {
    expect(payoutTermsProblem(payout(), pi(), expected)).toBeNull();
    expect(payoutTermsProblem(payout({ amount: "5" }), pi({ amount: 5 }), expected)).toBeNull();
  });

  it.each([
    ["a user-to-app payment", { direction: "user_to_app" }, "wrong_direction"],
    ["another Pioneer", { userUid: "22222222-2222-4222-8222-222222222222" }, "wrong_recipient"],
    ["a bigger amount", { amount: 5.0000001 }, "wrong_amount"],
    ["another network", { network: "Pi Network" }, "wrong_network"],
    ["another payout's payment", { payoutId: "payout-2" }, "not_this_payout"],
    ["no wallet address", { toAddress: null }, "no_wallet_address"],
    ["another app wallet", { fromAddress: aliceWallet }, "wallet_mismatch"],
    ["an id too long for a memo", { id: "P".repeat(29) }, "payment_id_too_long"],
  ] as const)("refuses %s", (_name, change, problem) => {
    expect(payoutTermsProblem(payout(), pi(change), expected)).toBe(problem);
  });
});

describe("created: before building an envelope", () => {
  it("builds when Pi's record matches and nothing is on chain", () => {
    expect(decideCreated(payout({ txid: null }), pi(), null, expected)).toEqual({ kind: "build" });
  });

  it("never builds when the memo search found the payment on chain: it was paid", () => {
    expect(decideCreated(payout(), pi(), { hash: otherHash, successful: true }, expected)).toEqual({ kind: "mark_on_chain", txid: otherHash });
    // A failed transaction moved nothing: building is fine.
    expect(decideCreated(payout(), pi(), { hash: otherHash, successful: false }, expected)).toEqual({ kind: "build" });
  });

  it("records what Pi already settled, and cancels with no money moved", () => {
    expect(decideCreated(payout(), pi({ completed: true, txid: otherHash }), null, expected)).toEqual({ kind: "mark_completed", txid: otherHash });
    expect(decideCreated(payout(), pi({ completed: true }), null, expected)).toEqual({ kind: "fail", reason: "completed_without_transaction" });
    expect(decideCreated(payout(), pi({ cancelled: true }), null, expected)).toEqual({ kind: "cancel", reason: "cancelled_at_pi" });
  });

  it("fails on other terms, but waits for a seed that is not the app's wallet (a configuration to fix)", () => {
    expect(decideCreated(payout(), pi({ amount: 50 }), null, expected)).toEqual({ kind: "fail", reason: "wrong_amount" });
    expect(decideCreated(payout(), pi({ fromAddress: aliceWallet }), null, expected)).toEqual({ kind: "wait", reason: "wallet_mismatch" });
  });

  it("gives up after its last transaction that may fail, unless the chain shows one of them paid", () => {
    expect(decideCreated(payout({ failedTransactions: maxFailedTransactions - 1 }), pi(), null, expected)).toEqual({ kind: "build" });
    expect(decideCreated(payout({ failedTransactions: maxFailedTransactions }), pi(), { hash: otherHash, successful: false }, expected)).toEqual({ kind: "fail", reason: "too_many_failed_transactions" });
    expect(decideCreated(payout({ failedTransactions: maxFailedTransactions }), pi(), { hash: otherHash, successful: true }, expected)).toEqual({ kind: "mark_on_chain", txid: otherHash });
  });
});

describe("signed or submitted: settling a stored envelope", () => {
  it("marks it on chain when Horizon has the hash, successful", () => {
    expect(decideInFlight(payout(), { hash, successful: true }, null, now)).toEqual({ kind: "mark_on_chain", txid: hash });
    // Even long past its time bound, and even if Pi now says cancelled: the money moved.
    expect(decideInFlight(payout({ validUntil: seconds(-3600) }), { hash, successful: true }, pi({ cancelled: true }), now)).toEqual({ kind: "mark_on_chain", txid: hash });
  });

  it("resubmits the same envelope while its time bound holds and Horizon does not know it", () => {
    expect(decideInFlight(payout({ validUntil: seconds(1) }), null, pi(), now)).toEqual({ kind: "submit" });
    expect(decideInFlight(payout({ validUntil: seconds(0) }), null, null, now)).toEqual({ kind: "submit" });
  });

  it("never builds a new envelope before the time bound and the margin have passed", () => {
    expect(decideInFlight(payout({ validUntil: seconds(-1) }), null, pi(), now)).toEqual({ kind: "wait", reason: "settling" });
    expect(decideInFlight(payout({ validUntil: new Date(now.getTime() - settleMarginMs) }), null, pi(), now)).toEqual({ kind: "wait", reason: "settling" });
    expect(decideInFlight(payout({ validUntil: new Date(now.getTime() - settleMarginMs - 1) }), null, pi(), now)).toEqual({ kind: "rebuild", reason: "expired" });
  });

  it("rebuilds at once after a transaction that failed on chain: its sequence number is spent", () => {
    expect(decideInFlight(payout(), { hash, successful: false }, null, now)).toEqual({ kind: "rebuild", reason: "failed_on_chain" });
  });

  it("stops resubmitting once Pi cancelled the payment, and cancels once the envelope is dead", () => {
    expect(decideInFlight(payout(), null, pi({ cancelled: true }), now)).toEqual({ kind: "wait", reason: "cancelled_at_pi" });
    expect(decideInFlight(payout({ validUntil: seconds(-envelopeLifetimeMs / 1000) }), null, pi({ cancelled: true }), now)).toEqual({ kind: "cancel", reason: "cancelled_at_pi" });
  });

  it("waits without a time bound rather than guess", () => {
    expect(decideInFlight(payout({ validUntil: null }), null, pi(), now)).toEqual({ kind: "wait", reason: "missing_time_bound" });
  });
});

describe("on chain: completing with Pi", () => {
  it("completes with the payout's own transaction", () => {
    expect(decideOnChain(payout(), pi())).toEqual({ kind: "complete", txid: hash });
  });

  it("records a completion Pi already has, and flags one with another transaction", () => {
    expect(decideOnChain(payout(), pi({ completed: true, txid: hash }))).toEqual({ kind: "mark_completed", txid: hash });
    expect(decideOnChain(payout(), pi({ completed: true, txid: otherHash }))).toEqual({ kind: "fail", reason: "completed_with_other_transaction" });
  });

  it("fails for a person to look at when Pi cancelled a payment already paid on chain", () => {
    expect(decideOnChain(payout(), pi({ cancelled: true }))).toEqual({ kind: "fail", reason: "cancelled_after_payment" });
  });
});

describe("Pi's refusals to create a payout", () => {
  it("sorts them into consent, unavailable, an open payment, a final refusal, or a retry", () => {
    expect(classifyCreateRefusal("missing_scope")).toEqual({ kind: "needs_consent" });
    expect(classifyCreateRefusal("feature_not_available")).toEqual({ kind: "unavailable" });
    expect(classifyCreateRefusal("ongoing_payment_found")).toEqual({ kind: "ongoing" });
    expect(classifyCreateRefusal("user_not_found")).toEqual({ kind: "fail", reason: "user_not_found" });
    // A bare 404, without Pi's error body, is the same refusal: it must not wait for ever.
    expect(classifyCreateRefusal("http_404")).toEqual({ kind: "fail", reason: "user_not_found" });
    expect(classifyCreateRefusal("invalid_amount")).toEqual({ kind: "fail", reason: "invalid_amount" });
    expect(classifyCreateRefusal("too_many_payments")).toEqual({ kind: "wait", reason: "too_many_payments" });
  });
});

describe("recovering Pi's open payouts", () => {
  it("binds a payment to the payout that never got Pi's answer, and leaves a known one to its flow", () => {
    expect(decideOpenPayment(pi(), { id: "payout-1", awaitingCreation: true, closed: false }, null, now)).toEqual({ kind: "bind", payoutId: "payout-1" });
    expect(decideOpenPayment(pi(), { id: "payout-1", awaitingCreation: false, closed: false }, { hash, successful: true }, now)).toEqual({ kind: "known" });
  });

  it("cancels the payment of a payout that failed while its cancel did not reach Pi, unless the chain shows it paid", () => {
    const closed = { id: "payout-1", awaitingCreation: false, closed: true };
    expect(decideOpenPayment(pi({ createdAt: seconds(-60) }), closed, null, now)).toEqual({ kind: "cancel_closed" });
    expect(decideOpenPayment(pi(), closed, { hash, successful: false }, now)).toEqual({ kind: "cancel_closed" });
    expect(decideOpenPayment(pi(), closed, { hash, successful: true }, now)).toEqual({ kind: "closed_but_paid", txid: hash });
  });

  it("completes an unknown payment found paid on chain, and cancels one nobody can still be paying", () => {
    expect(decideOpenPayment(pi(), null, { hash, successful: true }, now)).toEqual({ kind: "complete_unknown", txid: hash });
    expect(decideOpenPayment(pi({ createdAt: seconds(-60) }), null, null, now)).toEqual({ kind: "leave" });
    expect(decideOpenPayment(pi({ createdAt: new Date(now.getTime() - unknownPaymentGraceMs - 1) }), null, { hash, successful: false }, now)).toEqual({ kind: "cancel_unknown" });
  });
});

describe("the wallet's balance", () => {
  it("pays only what leaves the reserve (1 π) and the fee (0.01 π) behind", () => {
    const fee = 100_000n;
    expect(canAfford("6.0100000", "5", fee)).toBe(true);
    expect(canAfford("6.0099999", "5", fee)).toBe(false);
    expect(canAfford("1000000", "0.0000001", fee)).toBe(true);
    expect(canAfford("not a balance", "5", fee)).toBe(false);
  });
});
