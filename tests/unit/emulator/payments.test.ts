// @vitest-environment node
// Payment rules on the store directly, with a fake clock: expiry without waiting.
import { describe, expect, it } from "vitest";
import {
  approvePayment,
  cancelPaymentByUser,
  createUserToAppPayment,
  expireStalePayments,
  submitTransaction,
} from "@/emulator/payments";
import { EmulatorStore } from "@/emulator/store";

function setup() {
  let now = 1_000_000;
  const store = new EmulatorStore(() => now);
  const alice = store.findPioneerByUsername("alice");
  if (!alice) throw new Error("alice is a default Pioneer");
  const create = () => {
    const outcome = createUserToAppPayment(store, alice, { amount: 1, memo: "m", metadata: {} }, now);
    if (!outcome.ok) throw new Error(outcome.failure.error);
    return outcome.payment;
  };
  return { store, create, advance: (ms: number) => (now += ms), now: () => now };
}

describe("payment rules", () => {
  it("expire only unapproved, open payments once the window has passed", () => {
    const { store, create, advance, now } = setup();
    const unapproved = create();
    advance(59_999);
    expireStalePayments(store, now(), 60_000);
    expect(unapproved.status.cancelled).toBe(false);
    advance(1);
    expireStalePayments(store, now(), 60_000);
    expect(unapproved.status.cancelled).toBe(true);

    const approved = create();
    approvePayment(approved);
    advance(120_000);
    expireStalePayments(store, now(), 60_000);
    expect(approved.status.cancelled).toBe(false);
  });

  it("never lower a flag", () => {
    const { create } = setup();
    const p = create();
    approvePayment(p);
    expect(submitTransaction(p).ok).toBe(true);
    expect(cancelPaymentByUser(p).ok).toBe(false);
    expect(p.status).toEqual({ developer_approved: true, transaction_verified: true, developer_completed: false, cancelled: false, user_cancelled: false });
  });
});
