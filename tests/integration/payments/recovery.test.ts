// @vitest-environment node
import { eq } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { orders, paymentReviews } from "@/lib/db/schema";
import { piApi } from "@/lib/pi/platform-api";
import { useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { fulfilmentsOf, orderRow, shop } from "../../helpers/shop";

const db = () => getDb();

describeEachEngine("retries, races, cancels and incomplete payments", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);
  afterEach(() => vi.restoreAllMocks());

  /** Pi's record of every payment read from now on says cancelled (Pi has never been seen to do so once signed), with `extra` fields. */
  function piShowsCancelled(extra: Partial<Awaited<ReturnType<typeof piApi.getPayment>>> = {}) {
    const read = piApi.getPayment;
    vi.spyOn(piApi, "getPayment").mockImplementation(async (id) => {
      const dto = await read(id);
      return { ...dto, ...extra, status: { ...dto.status, cancelled: true } };
    });
  }

  it("five concurrent approvals and five concurrent completions end with one paid order and one delivery", async () => {
    const alice = await s.pioneer("race1");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    const approvals = await Promise.all(Array.from({ length: 5 }, () => s.approve(alice, payment.identifier)));
    expect(approvals.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(approvals.map((r) => r.body.order.status))).toEqual(new Set(["approved"]));

    const txid = await s.sign(payment.identifier);
    const completions = await Promise.all(Array.from({ length: 5 }, () => s.complete(alice, payment.identifier, txid)));
    expect(completions.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(completions.every((r) => r.body.order.status === "paid")).toBe(true);
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
    const rows = await (await db()).select().from(orders).where(eq(orders.userUid, alice.uid));
    expect(rows.map((r) => r.status)).toEqual(["paid"]);
  });

  it("records a cancel only when Pi says the payment was cancelled, and lets the Pioneer buy again", async () => {
    const alice = await s.pioneer("cancel1");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    const early = await s.cancel(alice, payment.identifier);
    expect(early.status).toBe(409);
    expect((early.body as unknown as ErrorBody).error.code).toBe("payment_not_cancelled");
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");

    await emulator().control("POST", `/control/payments/${payment.identifier}/user-cancel`);
    const cancelled = await s.cancel(alice, payment.identifier);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.order?.status).toBe("cancelled");
    expect((await s.cancel(alice, payment.identifier)).body.order?.status).toBe("cancelled");

    const again = await s.order(alice);
    expect(again.id).not.toBe(order.id);
    const retry = await s.payOrder(alice, again);
    expect((await s.approve(alice, retry.identifier)).body.order.status).toBe("approved");
  });

  it("does not let another Pioneer record a cancel", async () => {
    const alice = await s.pioneer("cancel2");
    const mallory = await s.pioneer("mallory2");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await emulator().control("POST", `/control/payments/${payment.identifier}/user-cancel`);
    expect((await s.cancel(mallory, payment.identifier)).status).toBe(403);
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");
  });

  it("completes an incomplete payment that has a transaction, from Pi's record, and delivers it", async () => {
    const alice = await s.pioneer("incomplete1");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    await s.sign(payment.identifier);
    // The completion callback never reached us; the client sends only the id (and junk we ignore),
    // with a _link to an address whose every fetch the emulator logs.
    await s.clearCalls();
    const { status, body } = await s.incomplete(alice, {
      paymentId: payment.identifier,
      transaction: { txid: "0".repeat(64), _link: `${emulator().url}/horizon/transactions/${"0".repeat(64)}` },
      amount: 0.0000001,
    });
    expect(status).toBe(200);
    expect((await s.calls()).filter((c) => c.path.startsWith("/horizon"))).toEqual([]);
    expect(body).toMatchObject({ outcome: "completed", needsReview: false, order: { id: order.id, status: "paid" } });
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(true);
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
    expect((await s.incomplete(alice, { paymentId: payment.identifier })).body.outcome).toBe("completed");
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("completes it even when our record of the approval was lost", async () => {
    const alice = await s.pioneer("incomplete2");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.fault({ method: "POST", path: "/v2/payments/*/approve", mode: "drop-response" });
    expect((await s.approve(alice, payment.identifier)).status).toBe(503);
    await s.sign(payment.identifier);
    const { body } = await s.incomplete(alice, { paymentId: payment.identifier });
    expect(body).toMatchObject({ outcome: "completed", order: { status: "paid" } });
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("cancels an incomplete payment without a transaction so the Pioneer can pay again", async () => {
    const alice = await s.pioneer("incomplete3");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    const { status, body } = await s.incomplete(alice, { paymentId: payment.identifier });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: "cancelled", order: { id: order.id, status: "cancelled" } });
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(true);
    const next = await s.order(alice);
    expect((await s.payOrder(alice, next)).status.cancelled).toBe(false);
  });

  it("never sends a failed cancel again blindly: answers 503, and the Pioneer's next call cancels it", async () => {
    const alice = await s.pioneer("cancel-fails");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    await s.fault({ method: "POST", path: "/v2/payments/*/cancel", mode: "error", status: 500 });
    const cancels = async () => (await s.calls()).filter((c) => c.method === "POST" && c.path.endsWith("/cancel"));

    expect((await s.incomplete(alice, { paymentId: payment.identifier })).status).toBe(503);
    expect(await cancels()).toHaveLength(1);
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(false);
    expect((await orderRow(order.id))?.status).toBe("approved");

    const { status, body } = await s.incomplete(alice, { paymentId: payment.identifier });
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: "cancelled", order: { id: order.id, status: "cancelled" } });
    expect(await cancels()).toHaveLength(2);
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(true);
  });

  it("resolves a payment with no matching order and records it for review, delivering nothing", async () => {
    const alice = await s.pioneer("incomplete4");
    const legacy = await s.pay(alice, 2, { sku: "from-an-older-app" });
    const approved = await fetch(`${emulator().url}/v2/payments/${legacy.identifier}/approve`, {
      method: "POST",
      headers: { Authorization: `Key ${emulator().apiKey}` },
    });
    expect(approved.status).toBe(200);
    await s.sign(legacy.identifier);
    const { body } = await s.incomplete(alice, { paymentId: legacy.identifier });
    expect(body).toEqual({ outcome: "completed", order: null, needsReview: true });
    expect((await s.piPayment(legacy.identifier)).status.developer_completed).toBe(true);
    const reviews = await (await db()).select().from(paymentReviews).where(eq(paymentReviews.piPaymentId, legacy.identifier));
    expect(reviews).toEqual([expect.objectContaining({ outcome: "completed", reason: "payment_not_bound", userUid: alice.uid })]);
  });

  it.each(["cancel", "incomplete"] as const)("sends a signed order to review, never to cancelled, when Pi shows its payment cancelled (%s)", async (route) => {
    const alice = await s.pioneer(`cancelled-signed-${route}`);
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    await s.sign(payment.identifier);
    // Pi has never been seen to do this; should it, the Pioneer's money may have moved.
    piShowsCancelled();
    const { status } = route === "cancel" ? await s.cancel(alice, payment.identifier) : await s.incomplete(alice, { paymentId: payment.identifier });
    expect(status).toBe(200);
    expect((await orderRow(order.id))?.status).toBe("needs_review");
    const reviews = await (await db()).select().from(paymentReviews).where(eq(paymentReviews.piPaymentId, payment.identifier));
    expect(reviews).toEqual([expect.objectContaining({ reason: "cancelled_with_transaction", userUid: alice.uid })]);
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);
  });

  it("records for review a payment Pi shows cancelled yet signed even when no order of ours is bound to it", async () => {
    const alice = await s.pioneer("cancelled-signed-unbound");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    piShowsCancelled({ transaction: { txid: "d".repeat(64), verified: true, _link: "https://horizon.example/tx" } });
    const { status, body } = await s.cancel(alice, payment.identifier);
    expect([status, body.order]).toEqual([200, null]);
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");
    const reviews = await (await db()).select().from(paymentReviews).where(eq(paymentReviews.piPaymentId, payment.identifier));
    expect(reviews).toEqual([expect.objectContaining({ reason: "cancelled_with_transaction", txid: "d".repeat(64) })]);
  });

  it("refuses to resolve another Pioneer's payment", async () => {
    const alice = await s.pioneer("incomplete5");
    const mallory = await s.pioneer("mallory5");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    const { status } = await s.incomplete(mallory, { paymentId: payment.identifier });
    expect(status).toBe(403);
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(false);
  });
});
