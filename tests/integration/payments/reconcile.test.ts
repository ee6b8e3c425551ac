// @vitest-environment node
import { afterEach, expect, it, vi } from "vitest";
import { POST as reconcilePOST } from "@/app/api/payments/reconcile/route";
import { getDb } from "@/lib/db";
import { bindPayment, insertOrder } from "@/lib/db/repositories/orders";
import { upsertUser } from "@/lib/db/repositories/users";
import type { ReconcileCounts } from "@/lib/payments";
import { transitionOrder } from "@/lib/payments/order-states";
import { piApi } from "@/lib/pi/platform-api";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { fulfilmentsOf, orderRow, shop, type Pioneer } from "../../helpers/shop";

describeEachEngine("reconciliation and lies", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);
  afterEach(() => vi.restoreAllMocks());
  const reconcile = (pioneer: Pioneer) => call<{ counts: ReconcileCounts }>(reconcilePOST, "POST", "/api/payments/reconcile", { token: pioneer.sessionToken, body: {} });

  it("delivers a purchase whose completion Pi accepted but whose answer was lost", async () => {
    const alice = await s.pioneer("lost-answer");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    const txid = await s.sign(payment.identifier);
    await s.fault({ method: "POST", path: "/v2/payments/*/complete", mode: "drop-response" });
    expect((await s.complete(alice, payment.identifier, txid)).status).toBe(503);
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(true);
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);

    const { status, body } = await reconcile(alice);
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ examined: 1, paid: 1, failed: 0 });
    expect(await orderRow(order.id)).toMatchObject({ status: "paid", txid });
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
    expect((await reconcile(alice)).body.counts).toMatchObject({ examined: 0, paid: 0 });
  });

  it("leaves a payment the Pioneer is still signing alone, and records one Pi cancelled", async () => {
    const alice = await s.pioneer("in-progress");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    expect((await reconcile(alice)).body.counts).toMatchObject({ examined: 1, cancelled: 0, failed: 0 });
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(false);
    expect((await orderRow(order.id))?.status).toBe("approved");

    await emulator().control("POST", `/control/payments/${payment.identifier}/user-cancel`);
    expect((await reconcile(alice)).body.counts).toMatchObject({ examined: 1, cancelled: 1 });
    expect((await orderRow(order.id))?.status).toBe("cancelled");
  });

  it("refuses a payment whose memo is not the order's", async () => {
    const alice = await s.pioneer("memo");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order, { memo: "Pro for a month — 90% off" });
    const { status, body } = await s.approve(alice, payment.identifier);
    expect(status).toBe(422);
    expect((body as unknown as ErrorBody).error.code).toBe("memo_mismatch");
    // Refused for good, so cancelled with Pi at once: the Pioneer can pay again now.
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(true);
  });

  it("does not let a cancelled payment cancel an order another payment has taken", async () => {
    const db = await getDb();
    await upsertUser(db, { uid: "uid-race", username: "race" });
    const order = await insertOrder(db, { userUid: "uid-race", productId: "coffee", amount: "1", memo: "A coffee for the team" });
    expect(await bindPayment(db, order.id, "PaymentOne")).not.toBeNull();
    expect(await transitionOrder(db, order.id, "awaiting_payment", "cancelled", { unlessBoundToOtherThan: "PaymentTwo" })).toBeNull();
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");
    expect(await transitionOrder(db, order.id, "awaiting_payment", "cancelled", { unlessBoundToOtherThan: "PaymentOne" })).not.toBeNull();
  });

  it("completes an incomplete payment whose transaction arrives while we cancel it", async () => {
    const alice = await s.pioneer("late-tx");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    // The Pioneer signs after we read the payment and before our cancel reaches Pi: the race, every time.
    const cancel = piApi.cancel;
    vi.spyOn(piApi, "cancel").mockImplementationOnce(async (id) => {
      await s.sign(id);
      return cancel(id);
    });
    const { status, body } = await s.incomplete(alice, { paymentId: payment.identifier });
    expect(piApi.cancel).toHaveBeenCalledTimes(1);
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: "completed", order: { id: order.id, status: "paid" } });
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("does not bind an order to an incomplete payment that breaks its rules", async () => {
    const alice = await s.pioneer("wrong-amount");
    const order = await s.order(alice);
    const cheap = await s.payOrder(alice, order, { amount: 0.01 });
    await fetch(`${emulator().url}/v2/payments/${cheap.identifier}/approve`, { method: "POST", headers: { Authorization: `Key ${emulator().apiKey}` } });
    await s.sign(cheap.identifier);
    const { body } = await s.incomplete(alice, { paymentId: cheap.identifier });
    expect(body).toEqual({ outcome: "completed", order: null, needsReview: true });
    expect(await orderRow(order.id)).toMatchObject({ status: "awaiting_payment", piPaymentId: null });
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);
    // The order can still be paid properly.
    const proper = await s.payOrder(alice, order);
    expect((await s.approve(alice, proper.identifier)).body.order.status).toBe("approved");
  });
});
