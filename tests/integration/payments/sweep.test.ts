// @vitest-environment node
// The reconciler with no Pioneer around: every unsettled order ends as Pi's record says, once.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { bindPayment, insertOrder } from "@/lib/db/repositories/orders";
import * as orderRepository from "@/lib/db/repositories/orders";
import { fulfilments, orders, paymentReviews } from "@/lib/db/schema";
import { reconcileOrders } from "@/lib/payments";
import * as fulfilment from "@/lib/shop/fulfilment";
import { useEmulator } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { fulfilmentsOf, orderRow, shop, type Pioneer } from "../../helpers/shop";

const minutes = (m: number) => m * 60_000;
const inMinutes = (m: number) => () => new Date(Date.now() + minutes(m));

describeEachEngine("the reconciler", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);

  beforeEach(async () => {
    const db = await getDb();
    await db.delete(fulfilments);
    await db.delete(paymentReviews);
    await db.delete(orders);
  });
  afterEach(() => vi.restoreAllMocks());

  /** An order approved and signed at Pi, whose completion never reached our server. */
  async function signedPurchase(pioneer: Pioneer, productId = "coffee") {
    const order = await s.order(pioneer, productId);
    const payment = await s.payOrder(pioneer, order);
    expect((await s.approve(pioneer, payment.identifier)).status).toBe(200);
    const txid = await s.sign(payment.identifier);
    return { order, payment, txid };
  }

  it("settles every Pioneer's orders as Pi's records say, in one run with no Pioneer action", async () => {
    // One Pioneer each: Pi blocks a new payment while a signed one waits for the app.
    const [alice, bob, carol, dave] = await Promise.all(["sweep-alice", "sweep-bob", "sweep-carol", "sweep-dave"].map((name) => s.pioneer(name)));
    if (!alice || !bob || !carol || !dave) throw new Error("no Pioneers");

    // Pi completed, but its answer was lost.
    const lost = await signedPurchase(alice);
    await s.fault({ method: "POST", path: "/v2/payments/*/complete", mode: "drop-response" });
    expect((await s.complete(alice, lost.payment.identifier, lost.txid)).status).toBe(503);
    // Signed, but the app closed before completing.
    const signed = await signedPurchase(bob, "sticker-pack");
    // Approved, never signed: abandoned.
    const abandoned = await s.order(carol, "pro-month");
    const abandonedPayment = await s.payOrder(carol, abandoned);
    await s.approve(carol, abandonedPayment.identifier);
    // Cancelled by the Pioneer in the wallet; the cancel callback never reached us.
    const declined = await s.order(dave, "coffee");
    const declinedPayment = await s.payOrder(dave, declined);
    await s.approve(dave, declinedPayment.identifier);
    await emulator().control("POST", `/control/payments/${declinedPayment.identifier}/user-cancel`);
    // Never paid at all.
    const unpaid = await s.order(bob, "pro-month");
    // Bound to a payment Pi has never heard of.
    const db = await getDb();
    const ghost = await insertOrder(db, { userUid: alice.uid, productId: "coffee", amount: "1", memo: "A coffee for the team" });
    await bindPayment(db, ghost.id, "GhostPayment0000000000000001");

    const counts = await reconcileOrders({ now: inMinutes(31) });
    expect(counts).toEqual({ examined: 6, paid: 2, cancelled: 2, expired: 1, needsReview: 1, failed: 0 });

    expect(await orderRow(lost.order.id)).toMatchObject({ status: "paid", txid: lost.txid });
    expect(await orderRow(signed.order.id)).toMatchObject({ status: "paid", txid: signed.txid });
    expect((await s.piPayment(signed.payment.identifier)).status.developer_completed).toBe(true);
    for (const paid of [lost, signed]) expect(await fulfilmentsOf(paid.order.id)).toHaveLength(1);

    expect((await orderRow(abandoned.id))?.status).toBe("cancelled");
    expect((await s.piPayment(abandonedPayment.identifier)).status.cancelled).toBe(true);
    expect((await orderRow(declined.id))?.status).toBe("cancelled");
    expect((await orderRow(unpaid.id))?.status).toBe("expired");
    expect((await orderRow(ghost.id))?.status).toBe("needs_review");
    expect(await db.select().from(paymentReviews).where(eq(paymentReviews.piPaymentId, "GhostPayment0000000000000001"))).toEqual([
      expect.objectContaining({ outcome: "needs_review", reason: "payment_not_found_at_pi", userUid: alice.uid }),
    ]);

    // Nothing is left to do, and nothing happens twice.
    expect(await reconcileOrders({ now: inMinutes(40) })).toMatchObject({ examined: 0 });
    expect(await fulfilmentsOf(lost.order.id)).toHaveLength(1);
  });

  it("gives no order up while Pi refuses the server key, and settles each once the key works again", async () => {
    const [alice, bob] = await Promise.all(["sweep-key-alice", "sweep-key-bob"].map((name) => s.pioneer(name)));
    if (!alice || !bob) throw new Error("no Pioneers");
    const signed = await signedPurchase(alice);
    const abandoned = await s.order(bob);
    const abandonedPayment = await s.payOrder(bob, abandoned);
    await s.approve(bob, abandonedPayment.identifier);
    // A key revoked in the Developer Portal (401), then a refusal of another kind (403).
    await s.fault({ method: "GET", path: "/v2/payments/*", mode: "error", status: 401, error: "unauthorized" });
    await s.fault({ method: "GET", path: "/v2/payments/*", mode: "error", status: 403, error: "forbidden" });
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);

    expect(await reconcileOrders({ now: inMinutes(31) })).toEqual({ examined: 2, paid: 0, cancelled: 0, expired: 0, needsReview: 0, failed: 2 });
    expect((await orderRow(signed.order.id))?.status).toBe("approved");
    expect((await orderRow(abandoned.id))?.status).toBe("approved");
    expect(await (await getDb()).select().from(paymentReviews)).toEqual([]);
    expect(errors.mock.calls.map(([line]) => String(line)).filter((line) => line.includes("pi.payment_hidden"))).toHaveLength(2);

    expect(await reconcileOrders({ now: inMinutes(40) })).toMatchObject({ examined: 2, paid: 1, cancelled: 1, needsReview: 0, failed: 0 });
    expect((await orderRow(signed.order.id))?.status).toBe("paid");
    expect(await fulfilmentsOf(signed.order.id)).toHaveLength(1);
    expect((await orderRow(abandoned.id))?.status).toBe("cancelled");
  });

  it("leaves orders younger than the threshold to the live flow, and abandoned ones until 30 minutes", async () => {
    const alice = await s.pioneer("sweep-young");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    expect(await reconcileOrders({ olderThanMs: minutes(2) })).toMatchObject({ examined: 0 });
    expect(await reconcileOrders({ olderThanMs: 0, now: inMinutes(10) })).toMatchObject({ examined: 1, cancelled: 0 });
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect((await s.piPayment(payment.identifier)).status.cancelled).toBe(false);
  });

  it("acts on each order once when two runs start together", async () => {
    const pioneers = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => s.pioneer(`sweep-twin-${n}`)));
    const purchases = [];
    for (const pioneer of pioneers) purchases.push(await signedPurchase(pioneer));
    await s.clearCalls();

    const [first, second] = await Promise.all([reconcileOrders(), reconcileOrders()]);
    expect((first?.examined ?? 0) + (second?.examined ?? 0)).toBe(purchases.length);
    expect((first?.paid ?? 0) + (second?.paid ?? 0)).toBe(purchases.length);
    const completions = (await s.calls()).filter((c) => c.method === "POST" && c.path.endsWith("/complete"));
    expect(completions).toHaveLength(purchases.length);
    for (const { order } of purchases) {
      expect((await orderRow(order.id))?.status).toBe("paid");
      expect(await fulfilmentsOf(order.id)).toHaveLength(1);
    }
  });

  it.each([
    ["Pi answers 500", { method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 500 }],
    ["Pi hangs past the timeout", { method: "POST", path: "/v2/payments/*/complete", mode: "delay", ms: 3000 }],
    ["Pi completes and drops the answer", { method: "POST", path: "/v2/payments/*/complete", mode: "drop-response" }],
  ])("after a completion that failed because %s, one run delivers the purchase exactly once", async (_name, fault) => {
    const alice = await s.pioneer("sweep-fault");
    const { order, payment, txid } = await signedPurchase(alice);
    await s.fault(fault);
    expect((await s.complete(alice, payment.identifier, txid)).status).toBe(503);
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);

    expect(await reconcileOrders()).toMatchObject({ examined: 1, paid: 1, failed: 0 });
    expect((await orderRow(order.id))?.status).toBe("paid");
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(true);
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("after Pi approved but its answer was lost, and the Pioneer signed, one run delivers", async () => {
    const alice = await s.pioneer("sweep-approve-lost");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.fault({ method: "POST", path: "/v2/payments/*/approve", mode: "drop-response" });
    expect((await s.approve(alice, payment.identifier)).status).toBe(503);
    expect((await s.piPayment(payment.identifier)).status.developer_approved).toBe(true);
    await s.sign(payment.identifier);

    expect(await reconcileOrders()).toMatchObject({ examined: 1, paid: 1 });
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("when the fulfilment hook throws once, the order waits, and the next run delivers it once", async () => {
    const alice = await s.pioneer("sweep-hook");
    const { order, payment, txid } = await signedPurchase(alice);
    vi.spyOn(fulfilment, "fulfilOrder").mockRejectedValueOnce(new Error("the warehouse is closed"));
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await s.complete(alice, payment.identifier, txid)).status).toBe(500);
    expect((await s.piPayment(payment.identifier)).status.developer_completed).toBe(true);
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);

    expect(await reconcileOrders()).toMatchObject({ examined: 1, paid: 1 });
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });

  it("when the database fails after Pi completed, one run delivers once, and a check that fails waits its turn", async () => {
    const alice = await s.pioneer("sweep-db");
    const { order, payment, txid } = await signedPurchase(alice);
    const update = orderRepository.updateOrderStatus;
    vi.spyOn(orderRepository, "updateOrderStatus").mockImplementation((db, id, from, to, options) =>
      to === "paid" ? Promise.reject(new Error("connection reset")) : update(db, id, from, to, options),
    );
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect((await s.complete(alice, payment.identifier, txid)).status).toBe(500);
    expect(await reconcileOrders()).toMatchObject({ examined: 1, paid: 0, failed: 1 });
    // The failed order is not tried again at once by the sweep, so it cannot crowd out others...
    expect(await reconcileOrders()).toMatchObject({ examined: 0 });
    vi.mocked(orderRepository.updateOrderStatus).mockRestore();
    expect(await reconcileOrders({ now: inMinutes(4) })).toMatchObject({ examined: 0 });
    // ...but the Pioneer opening the app checks it now.
    expect(await reconcileOrders({ userUid: alice.uid })).toMatchObject({ examined: 1, paid: 1 });
    expect((await orderRow(order.id))?.status).toBe("paid");
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
  });
});
