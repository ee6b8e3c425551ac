// @vitest-environment node
import { eq } from "drizzle-orm";
import { afterEach, expect, it, vi } from "vitest";
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { POST as ordersPOST } from "@/app/api/orders/route";
import { getDb } from "@/lib/db";
import { paymentReviews } from "@/lib/db/schema";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { fulfilmentsOf, orderRow, shop } from "../../helpers/shop";

const codeOf = (body: unknown) => (body as ErrorBody).error.code;

describeEachEngine("edge cases of completion, incomplete payments and input", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);
  afterEach(() => vi.restoreAllMocks());
  const approveAsApp = (paymentId: string) =>
    fetch(`${emulator().url}/v2/payments/${paymentId}/approve`, { method: "POST", headers: { Authorization: `Key ${emulator().apiKey}` } });

  it("refuses completions for another Pioneer, before a transaction, for an unapproved payment and without a session", async () => {
    const alice = await s.pioneer("edge-alice");
    const bob = await s.pioneer("edge-bob");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    const unbound = await s.complete(alice, payment.identifier, "a".repeat(64));
    expect([unbound.status, codeOf(unbound.body)]).toEqual([409, "payment_not_bound"]);

    await s.approve(alice, payment.identifier);
    const early = await s.complete(alice, payment.identifier, "a".repeat(64));
    expect([early.status, codeOf(early.body)]).toEqual([409, "transaction_missing"]);

    const txid = await s.sign(payment.identifier);
    const stolen = await s.complete(bob, payment.identifier, txid);
    expect([stolen.status, codeOf(stolen.body)]).toEqual([403, "payment_not_yours"]);
    const anonymous = await s.complete({ ...alice, sessionToken: "" }, payment.identifier, txid);
    expect(anonymous.status).toBe(401);
    expect((await orderRow(order.id))?.status).toBe("approved");
    expect(await fulfilmentsOf(order.id)).toHaveLength(0);
  });

  // Several payments, because the race (one call binds the order between another's two lookups) is
  // not in every one: a single payment let a call send the paid purchase to review now and then.
  it("five concurrent incomplete calls for a payment whose order was never bound give one outcome", async () => {
    for (let i = 0; i < 8; i++) {
      const alice = await s.pioneer(`edge-concurrent-${i}`);
      const order = await s.order(alice);
      const payment = await s.payOrder(alice, order);
      // Approved by an older version of the app, which never bound it to the order.
      await approveAsApp(payment.identifier);
      await s.sign(payment.identifier);
      const answers = await Promise.all(Array.from({ length: 5 }, () => s.incomplete(alice, { paymentId: payment.identifier })));
      for (const answer of answers) {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ outcome: "completed", needsReview: false, order: { id: order.id, status: "paid" } });
      }
      expect(await fulfilmentsOf(order.id)).toHaveLength(1);
      expect(await (await getDb()).select().from(paymentReviews).where(eq(paymentReviews.piPaymentId, payment.identifier))).toEqual([]);
    }
  });

  it("records an absurd amount and a NUL-laden memo for review instead of failing", async () => {
    const alice = await s.pioneer("edge-absurd");
    const payment = await s.pay(alice, 1e15, { orderId: "not-an-order" }, "gift\u0000card");
    const { status, body } = await s.incomplete(alice, { paymentId: payment.identifier });
    expect(status).toBe(200);
    expect(body).toEqual({ outcome: "cancelled", order: null, needsReview: true });
    const [row] = await (await getDb()).select().from(paymentReviews).where(eq(paymentReviews.piPaymentId, payment.identifier));
    expect(row).toMatchObject({ amount: "1000000000000000", memo: "giftcard" });
  });

  it.each([401, 403, 422])("answers 404, not 502, when Pi refuses with %i to show a client-supplied payment id", async (status) => {
    const alice = await s.pioneer(`pi-${status}`);
    const order = await s.order(alice);
    await s.fault({ method: "GET", path: "/v2/payments/*", mode: "error", status, error: "forbidden" });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { status: answered, body } = await s.approve(alice, "A".repeat(28));
    expect([answered, codeOf(body)]).toEqual([404, "payment_not_found"]);
    expect((await orderRow(order.id))?.status).toBe("awaiting_payment");
  });

  it("keeps at most three unpaid orders per Pioneer: a new one expires the oldest", async () => {
    const alice = await s.pioneer("many-orders");
    const placed = [];
    for (let i = 0; i < 5; i++) placed.push(await s.order(alice, "coffee"));
    const statuses = await Promise.all(placed.map(async (order) => (await orderRow(order.id))?.status));
    expect(statuses).toEqual(["expired", "expired", "awaiting_payment", "awaiting_payment", "awaiting_payment"]);
  });

  it("answers ids that name other Pi routes, and access tokens that can't be a header, with 400", async () => {
    const alice = await s.pioneer("edge-input");
    for (const paymentId of ["incomplete", "incomplete_server_payments", "user_to_app"]) {
      const { status } = await s.approve(alice, paymentId);
      expect(status).toBe(400);
      expect((await s.incomplete(alice, { paymentId })).status).toBe(400);
    }
    for (const accessToken of ["tok\u20acn", "a\nb", "a b"]) {
      const { status, body } = await call(signinPOST, "POST", "/api/auth/signin", { body: { accessToken } });
      expect([status, codeOf(body)]).toEqual([400, "invalid_request"]);
    }
  });

  it("checks Origin against the host the browser addressed, not the server's bind address", async () => {
    const alice = await s.pioneer("edge-origin");
    const behindProxy = (origin: string) =>
      call(ordersPOST, "POST", "/api/orders", {
        cookie: alice.sessionToken,
        origin,
        headers: { Host: "internal:3000", "X-Forwarded-Host": "shop.example", "X-Forwarded-Proto": "https" },
        body: { productId: "coffee" },
      });
    expect((await behindProxy("https://shop.example")).status).toBe(201);
    expect((await behindProxy("http://localhost:3000")).status).toBe(403);
    const direct = await call(ordersPOST, "POST", "/api/orders", {
      cookie: alice.sessionToken,
      origin: "http://pi-app.example:8080",
      headers: { Host: "pi-app.example:8080" },
      body: { productId: "coffee" },
    });
    expect(direct.status).toBe(201);
  });
});
