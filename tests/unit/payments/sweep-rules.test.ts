// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { OrderFacts } from "@/lib/payments/rules";
import { abandonedAfterMs, decideBound, decideUnbound, type SweepClock } from "@/lib/payments/sweep-rules";
import type { PiPayment } from "@/lib/pi/mappers";

const alice = "11111111-1111-4111-8111-111111111111";
const now = new Date("2026-06-01T12:00:00Z");
const clock: SweepClock = { now, orderTtlMs: 30 * 60_000 };
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const txid = "b".repeat(64);

const order = (over: Partial<OrderFacts> = {}): OrderFacts => ({
  id: "order-1",
  userUid: alice,
  amount: "5.0000000",
  memo: "Pro",
  status: "approved",
  piPaymentId: "pay123",
  txid: null,
  ...over,
});

const payment = (over: Partial<PiPayment> = {}): PiPayment => ({
  id: "pay123",
  userUid: alice,
  amount: 5,
  memo: "Pro",
  orderId: "order-1",
  direction: "user_to_app",
  network: "Pi Testnet",
  approved: true,
  completed: false,
  cancelled: false,
  txid: null,
  createdAt: minutesAgo(5),
  ...over,
});

const decide = (p: PiPayment | null, o = order()) => decideBound(o, p, "Pi Testnet", clock);

describe("what the reconciler does with an order", () => {
  it("expires an order no payment was ever bound to, only after its time to live", () => {
    expect(decideUnbound({ createdAt: minutesAgo(29) }, clock)).toEqual({ kind: "leave" });
    expect(decideUnbound({ createdAt: minutesAgo(31) }, clock)).toEqual({ kind: "expire" });
  });

  it("delivers what Pi completed, and completes a transaction Pi holds", () => {
    expect(decide(payment({ txid, completed: true }))).toEqual({ kind: "settle", txid });
    expect(decide(payment({ txid }))).toEqual({ kind: "settle", txid });
  });

  it("leaves a payment the Pioneer may still be signing, and cancels one abandoned 30 minutes after Pi created it", () => {
    expect(decide(payment({ createdAt: minutesAgo(29) }))).toEqual({ kind: "leave" });
    expect(decide(payment({ createdAt: new Date(now.getTime() - abandonedAfterMs - 1000) }))).toEqual({ kind: "cancel_with_pi" });
    // An unapproved payment that old is cancelled too; an unreadable date is never guessed old.
    expect(decide(payment({ approved: false, createdAt: minutesAgo(45) }), order({ status: "awaiting_payment" }))).toEqual({ kind: "cancel_with_pi" });
    expect(decide(payment({ createdAt: null }))).toEqual({ kind: "leave" });
  });

  it("records what Pi cancelled", () => {
    expect(decide(payment({ cancelled: true }))).toEqual({ kind: "record_cancelled" });
  });

  it.each([
    ["Pi has no such payment", null, "payment_not_found_at_pi"],
    ["another network", payment({ network: "Pi Network" }), "wrong_network"],
    ["another amount", payment({ amount: 4, txid }), "amount_mismatch"],
    ["another memo", payment({ memo: "Pro, cheaper", txid }), "memo_mismatch"],
    ["cancelled yet signed", payment({ cancelled: true, txid }), "cancelled_with_transaction"],
    ["completed without a transaction", payment({ completed: true }), "transaction_missing"],
    ["another Pioneer's", payment({ userUid: "someone-else" }), "payment_not_yours"],
  ])("sends to review what can never settle: %s", (_name, piRecord, reason) => {
    expect(decide(piRecord)).toEqual({ kind: "review", reason });
  });
});
