// @vitest-environment node
import { expect, it, vi } from "vitest";
import { POST as ordersPOST } from "@/app/api/orders/route";
import type { OrderView } from "@/lib/contract";
import { resetEnv } from "@/lib/config/server";
import { formatUnits, toUnits } from "@/lib/pi/amount";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { fulfilmentsOf, orderRow, shop } from "../../helpers/shop";

describeEachEngine("a purchase", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);

  it("goes order → approve → sign → complete, delivers once, and costs 4 Platform API calls", async () => {
    const alice = await s.pioneer("alice1");
    const order = await s.order(alice);
    expect(order).toMatchObject({ productId: "pro-month", amount: 5, memo: "Pro for a month", status: "awaiting_payment" });
    await s.clearCalls();

    const payment = await s.payOrder(alice, order);
    const approved = await s.approve(alice, payment.identifier);
    expect(approved.status).toBe(200);
    expect(approved.body.order).toMatchObject({ id: order.id, status: "approved", paymentId: payment.identifier });
    expect((await s.piPayment(payment.identifier)).status.developer_approved).toBe(true);

    const txid = await s.sign(payment.identifier);
    const completed = await s.complete(alice, payment.identifier, txid);
    expect(completed.status).toBe(200);
    expect(completed.body.order).toMatchObject({ status: "paid", txid });
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(true);
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);

    const calls = await s.calls();
    expect(calls.length).toBeLessThanOrEqual(4);
    expect(calls.map((c) => `${c.method} ${c.path.replace(payment.identifier, ":id")}`)).toEqual([
      "GET /v2/payments/:id",
      "POST /v2/payments/:id/approve",
      "GET /v2/payments/:id",
      "POST /v2/payments/:id/complete",
    ]);

    const history = await s.orders(alice);
    expect(history.body.orders.map((o) => [o.id, o.status, o.expiresAt])).toEqual([[order.id, "paid", null]]);
    // What the Pioneer now owns: a month of Pro from now.
    expect(history.body.owned).toEqual([expect.objectContaining({ kind: "subscription", productId: "pro-month", active: true })]);
    const owned = history.body.owned[0];
    const until = owned?.kind === "subscription" ? Date.parse(owned.activeUntil) : 0;
    expect(until - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);
    expect(until - Date.now()).toBeLessThanOrEqual(30 * 24 * 3600 * 1000);
  });

  it("shows an unpaid order with when it expires, and nothing owned before payment", async () => {
    const bob = await s.pioneer("bob-unpaid");
    const order = await s.order(bob, "sticker-pack");
    const expires = Date.parse(order.expiresAt ?? "");
    expect(expires - Date.parse(order.createdAt)).toBe(30 * 60 * 1000);
    const history = await s.orders(bob);
    expect(history.body.orders).toEqual([expect.objectContaining({ id: order.id, status: "awaiting_payment", expiresAt: order.expiresAt })]);
    expect(history.body.owned).toEqual([]);
  });

  it.each([
    ["lower", -1n],
    ["higher", 1n],
  ])("refuses an amount 10⁻⁷ π %s than the order, without calling Pi's approve, and cancels it with Pi", async (_, delta) => {
    const alice = await s.pioneer("alice2");
    const order = await s.order(alice);
    // The smallest difference Pi can carry from the order's own price (4.9999999 and 5.0000001 for 5 π).
    const amount = Number(formatUnits((toUnits(order.amount) ?? 0n) + delta));
    const payment = await s.payOrder(alice, order, { amount });
    await s.clearCalls();
    const { status, body } = await s.approve(alice, payment.identifier);
    expect(status).toBe(422);
    expect((body as unknown as ErrorBody).error.code).toBe("amount_mismatch");
    expect((await s.calls()).filter((c) => c.path.endsWith("/approve"))).toHaveLength(0);
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");
    expect((await orderRow(order.id))?.piPaymentId).toBeNull();
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(true);
  });

  it("prices an order from the catalog only: an amount and a memo sent with the productId are ignored", async () => {
    const alice = await s.pioneer("alice-priced");
    const { status, body } = await call<{ order: OrderView }>(ordersPOST, "POST", "/api/orders", {
      token: alice.sessionToken,
      body: { productId: "pro-month", amount: 0.0000001, price: "0.0000001", memo: "free" },
    });
    expect(status).toBe(201);
    expect(body.order).toMatchObject({ productId: "pro-month", amount: 5, memo: "Pro for a month" });
    // Paying the amount the client named is refused.
    const cheap = await s.payOrder(alice, body.order, { amount: 0.0000001 });
    const refused = await s.approve(alice, cheap.identifier);
    expect([refused.status, (refused.body as unknown as ErrorBody).error.code]).toEqual([422, "amount_mismatch"]);
  });

  it("refuses another Pioneer's payment and a payment naming another Pioneer's order", async () => {
    const alice = await s.pioneer("alice3");
    const bob = await s.pioneer("bob3");
    const aliceOrder = await s.order(alice);
    const alicePayment = await s.payOrder(alice, aliceOrder);
    const stolen = await s.approve(bob, alicePayment.identifier);
    expect(stolen.status).toBe(403);
    expect((stolen.body as unknown as ErrorBody).error.code).toBe("payment_not_yours");

    const bobPayment = await s.payOrder(bob, aliceOrder);
    const foreignOrder = await s.approve(bob, bobPayment.identifier);
    expect(foreignOrder.status).toBe(404);
    expect((foreignOrder.body as unknown as ErrorBody).error.code).toBe("order_not_found");
    expect((await orderRow(aliceOrder.id))?.status).toBe("awaiting_payment");
  });

  it("refuses a payment made on another Pi network", async () => {
    const alice = await s.pioneer("alice4");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    vi.stubEnv("PI_NETWORK", "Pi Network");
    resetEnv();
    try {
      const { status, body } = await s.approve(alice, payment.identifier);
      expect(status).toBe(422);
      expect((body as unknown as ErrorBody).error.code).toBe("wrong_network");
    } finally {
      vi.unstubAllEnvs();
      resetEnv();
    }
  });

  it("refuses a cancelled payment", async () => {
    const alice = await s.pioneer("alice5");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await emulator().control("POST", `/control/payments/${payment.identifier}/user-cancel`);
    const { status, body } = await s.approve(alice, payment.identifier);
    expect(status).toBe(409);
    expect((body as unknown as ErrorBody).error.code).toBe("payment_cancelled");
  });

  it("refuses to complete with a txid that is not the payment's own", async () => {
    const alice = await s.pioneer("alice6");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    await s.sign(payment.identifier);
    const { status, body } = await s.complete(alice, payment.identifier, "f".repeat(64));
    expect(status).toBe(422);
    expect((body as unknown as ErrorBody).error.code).toBe("txid_mismatch");
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(false);
  });

  it("approves nothing when Pi refuses the approval and its record shows it not approved", async () => {
    const alice = await s.pioneer("refused-approve");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.fault({ method: "POST", path: "/v2/payments/*/approve", mode: "error", status: 400, error: "not_approvable" });
    const { status, body } = await s.approve(alice, payment.identifier);
    expect([status, (body as unknown as ErrorBody).error.code]).toEqual([409, "pi_refused"]);
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");
    expect((await s.piPayment(payment.identifier)).status.developer_approved).toBe(false);
    // Pi's SDK asks again; once Pi accepts, the order is approved.
    expect((await s.approve(alice, payment.identifier)).body.order.status).toBe("approved");
  });

  it("delivers nothing when Pi refuses the completion and its record shows it not completed", async () => {
    const alice = await s.pioneer("refused-complete");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    const txid = await s.sign(payment.identifier);
    await s.fault({ method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 400, error: "not_verified" });
    const { status, body } = await s.complete(alice, payment.identifier, txid);
    expect([status, (body as unknown as ErrorBody).error.code]).toEqual([409, "pi_refused"]);
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(false);
  });

  it("refuses a second payment for a paid order", async () => {
    const alice = await s.pioneer("alice7");
    const order = await s.order(alice);
    const first = await s.payOrder(alice, order);
    await s.approve(alice, first.identifier);
    await s.complete(alice, first.identifier, await s.sign(first.identifier));
    const second = await s.payOrder(alice, order);
    const { status, body } = await s.approve(alice, second.identifier);
    expect(status).toBe(409);
    expect((body as unknown as ErrorBody).error.code).toBe("order_bound_to_other_payment");
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("answers an unknown payment with 404, bad input with 400, and no session with 401", async () => {
    const alice = await s.pioneer("alice8");
    const unknown = await s.approve(alice, "NoSuchPayment0000000000000001");
    expect(unknown.status).toBe(404);
    expect((unknown.body as unknown as ErrorBody).error.code).toBe("payment_not_found");
    for (const paymentId of ["../../me", "", 42, "a".repeat(200)]) {
      const bad = await s.approve(alice, paymentId);
      expect(bad.status).toBe(400);
      expect((bad.body as unknown as ErrorBody).error.code).toBe("invalid_request");
    }
    const anonymous = await s.approve({ ...alice, sessionToken: "" }, "NoSuchPayment0000000000000001");
    expect(anonymous.status).toBe(401);
  });

  it("recovers when Pi fails once on approve: the SDK's retry succeeds", async () => {
    const alice = await s.pioneer("alice9");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.fault({ method: "POST", path: `/v2/payments/${payment.identifier}/approve`, mode: "error", status: 500, times: 1 });
    const failed = await s.approve(alice, payment.identifier);
    expect(failed.status).toBe(503);
    const retried = await s.approve(alice, payment.identifier);
    expect(retried.status).toBe(200);
    expect(retried.body.order.status).toBe("approved");
  });

  it("recovers when Pi approved but its answer was lost", async () => {
    const alice = await s.pioneer("alice10");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.fault({ method: "POST", path: "/v2/payments/*/approve", mode: "drop-response", times: 1 });
    expect((await s.approve(alice, payment.identifier)).status).toBe(503);
    expect((await s.approve(alice, payment.identifier)).body.order.status).toBe("approved");
  });

  it("gives the same answer when approve and complete are called again", async () => {
    const alice = await s.pioneer("alice11");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    const first = await s.approve(alice, payment.identifier);
    const again = await s.approve(alice, payment.identifier);
    expect(again).toMatchObject({ status: 200, body: first.body });
    const txid = await s.sign(payment.identifier);
    const paid = await s.complete(alice, payment.identifier, txid);
    const paidAgain = await s.complete(alice, payment.identifier, txid);
    expect(paidAgain).toMatchObject({ status: 200, body: paid.body });
    const lateApprove = await s.approve(alice, payment.identifier);
    expect(lateApprove.status).toBe(200);
    expect(lateApprove.body.order.status).toBe("paid");
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });
});
