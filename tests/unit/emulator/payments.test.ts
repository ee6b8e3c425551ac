// @vitest-environment node
// Payment rules on the store directly, with a fake clock: expiry without waiting.
import { describe, expect, it } from "vitest";
import {
  approvePayment,
  cancelPaymentByUser,
  completePayment,
  createUserToAppPayment,
  expireStalePayments,
  findIncompleteUserPayment,
  submitTransaction,
} from "@/emulator/payments";
import { IncompleteRule } from "@/emulator/incomplete-rule";
import { EmulatorStore } from "@/emulator/store";

function setup() {
  let now = 1_000_000;
  const store = new EmulatorStore(() => now);
  const rule = new IncompleteRule();
  const alice = store.findPioneerByUsername("alice");
  if (!alice) throw new Error("alice is a default Pioneer");
  const create = () => {
    const outcome = createUserToAppPayment(store, alice, { amount: 1, memo: "m", metadata: {} }, now, rule);
    if (!outcome.ok) throw new Error(outcome.failure.error);
    return outcome.payment;
  };
  return { store, rule, create, advance: (ms: number) => (now += ms), now: () => now };
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

describe("open payments, as the store keeps them", () => {
  it("block a new payment while one has a transaction, and stop blocking once it is completed", () => {
    const { store, create } = setup();
    const first = create();
    approvePayment(first);
    submitTransaction(first);
    const alice = store.findPioneerByUsername("alice");
    expect(findIncompleteUserPayment(store, alice?.uid ?? "", new IncompleteRule())).toBe(first);
    expect(createUserToAppPayment(store, alice!, { amount: 1, memo: "m", metadata: {} }, 0, new IncompleteRule()).ok).toBe(false);

    expect(completePayment(first, first.txid ?? undefined, () => undefined).ok).toBe(true);
    expect(findIncompleteUserPayment(store, alice?.uid ?? "", new IncompleteRule())).toBeUndefined();
    expect(store.listOpenPayments()).toEqual([]);
    // Closed payments leave the open set, never Pi's record.
    expect(store.getPayment(first.identifier)).toBe(first);
    expect(store.listPayments()).toEqual([first]);
  });

  it("count an approved payment without a transaction as unfinished only when the rule says Pi does", () => {
    const { store, rule, create } = setup();
    const approved = create();
    approvePayment(approved);
    const alice = store.findPioneerByUsername("alice");
    expect(findIncompleteUserPayment(store, alice?.uid ?? "", rule)).toBeUndefined();

    rule.approvedWithoutTransaction = true;
    expect(findIncompleteUserPayment(store, alice?.uid ?? "", rule)).toBe(approved);
    expect(createUserToAppPayment(store, alice!, { amount: 1, memo: "m", metadata: {} }, 0, rule)).toMatchObject({ ok: false, failure: { error: "ongoing_payment_found" } });
    expect(approved.status.cancelled).toBe(false);

    rule.approvedWithoutTransaction = false;
    create();
    expect(approved.status.cancelled).toBe(true);
  });

  it("are listed oldest first, without the ones a newer payment replaced", () => {
    const { store, create } = setup();
    const replaced = create();
    const current = create();
    expect(replaced.status.cancelled).toBe(true);
    expect(store.listOpenPayments()).toEqual([current]);
    const bob = store.findPioneerByUsername("bob");
    const other = createUserToAppPayment(store, bob!, { amount: 2, memo: "n", metadata: {} }, 0, new IncompleteRule());
    expect(store.listOpenPayments().map((p) => p.identifier)).toEqual([current.identifier, other.ok ? other.payment.identifier : ""]);
  });

  it("are forgotten by a reset, with the Pioneers' names", () => {
    const { store, create } = setup();
    create();
    const carol = store.createPioneer("carol-test");
    store.reset();
    expect(store.listOpenPayments()).toEqual([]);
    expect(store.findPioneerByUsername("carol-test")).toBeUndefined();
    expect(store.findPioneerByUsername("alice")).toBeDefined();
    expect(store.createPioneer("carol-test")).not.toBe(carol);
  });
});
