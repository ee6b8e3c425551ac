// @vitest-environment node
import { afterEach, beforeEach, expect, it } from "vitest";
import { POST as adminReconcilePOST } from "@/app/api/admin/reconcile/route";
import { resetEnv } from "@/lib/config/server";
import { getDb } from "@/lib/db";
import { bindPayment, insertOrder } from "@/lib/db/repositories/orders";
import { fulfilments, orders, paymentReviews, reconcileRuns } from "@/lib/db/schema";
import { collectDiagnostics } from "@/lib/diagnostics";
import { reconcileOrders } from "@/lib/payments";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { orderRow, shop } from "../../helpers/shop";

const statusOf = (report: Awaited<ReturnType<typeof collectDiagnostics>>, id: string) => report.checks.find((check) => check.id === id)?.status;

describeEachEngine("diagnostics", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);

  beforeEach(async () => {
    process.env.CRON_SECRET = "diagnostics-cron-secret-0123456789";
    resetEnv();
    // Each test reads the whole database (stale orders, reviews, the last scheduled run): start from none.
    const db = await getDb();
    await db.delete(fulfilments);
    await db.delete(paymentReviews);
    await db.delete(orders);
    await db.delete(reconcileRuns);
  });
  afterEach(() => {
    for (const name of ["CRON_SECRET", "ADMIN_UIDS", "PI_VALIDATION_KEY"]) delete process.env[name];
    process.env.PI_API_KEY = "integration-key";
    resetEnv();
  });

  it("shows the key accepted, the key's network, the database and what needs a person, with Pi payment ids", async () => {
    const alice = await s.pioneer("diag-alice");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    const db = await getDb();
    const ghost = await insertOrder(db, { userUid: alice.uid, productId: "coffee", amount: "1", memo: "A coffee for the team" });
    await bindPayment(db, ghost.id, "GhostPayment0000000000000002");
    await reconcileOrders({ now: () => new Date(Date.now() + 60 * 60 * 1000) });

    const report = await collectDiagnostics(new Date(Date.now() + 60 * 60 * 1000));
    expect(statusOf(report, "server-key")).toBe("ok");
    expect(statusOf(report, "key-network")).toBe("ok");
    expect(statusOf(report, "database")).toBe("ok");
    expect(statusOf(report, "validation-key")).toBe("warn");
    expect(statusOf(report, "reconciler")).toBe("warn"); // no scheduled run recorded yet
    expect(report.needsReview).toEqual([expect.objectContaining({ orderId: ghost.id, piPaymentId: "GhostPayment0000000000000002", status: "needs_review" })]);
    expect(report.reviews).toEqual([expect.objectContaining({ piPaymentId: "GhostPayment0000000000000002", reason: "payment_not_found_at_pi" })]);
    expect((await orderRow(order.id))?.status).toBe("cancelled");
  });

  it("lists an order left unsettled, and says when Pi refuses the server key", async () => {
    const bob = await s.pioneer("diag-bob");
    const order = await s.order(bob);
    const payment = await s.payOrder(bob, order);
    await s.approve(bob, payment.identifier);
    await s.sign(payment.identifier);
    const later = new Date(Date.now() + 15 * 60 * 1000);
    expect((await collectDiagnostics(later)).stale).toEqual([expect.objectContaining({ orderId: order.id, piPaymentId: payment.identifier, status: "approved" })]);

    process.env.PI_API_KEY = "not-the-apps-key";
    resetEnv();
    const refused = (await collectDiagnostics()).checks.find((check) => check.id === "server-key");
    expect(refused).toMatchObject({ status: "error", fix: expect.stringContaining("PI_API_KEY") as unknown });
  });

  it("lets only admins run the reconciler from the page; anyone else gets 404", async () => {
    const admin = await s.pioneer("diag-admin");
    const other = await s.pioneer("diag-other");
    process.env.ADMIN_UIDS = ` someone-else , ${admin.uid}`;
    resetEnv();
    const refused = await call<ErrorBody>(adminReconcilePOST, "POST", "/api/admin/reconcile", { token: other.sessionToken });
    expect([refused.status, refused.body.error.code]).toEqual([404, "not_found"]);
    expect((await call<ErrorBody>(adminReconcilePOST, "POST", "/api/admin/reconcile")).status).toBe(404);
    const ran = await call<{ counts: Record<string, number> }>(adminReconcilePOST, "POST", "/api/admin/reconcile", { token: admin.sessionToken });
    expect(ran.status).toBe(200);
    expect(ran.body.counts).toHaveProperty("examined");
    expect(statusOf(await collectDiagnostics(), "reconciler")).toBe("ok");
  });
});
