// @vitest-environment node
// Refunds as an admin asks for them and a Pioneer sees them: only a paid order, only its amount,
// only to its payer, once; paid by the scheduled run, never by the request.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { POST as refundsPOST } from "@/app/api/admin/refunds/route";
import { GET as cronGET } from "@/app/api/cron/reconcile/route";
import { POST as reconcilePOST } from "@/app/api/payments/reconcile/route";
import { resetEnv } from "@/lib/config/server";
import { getDb } from "@/lib/db";
import { payouts } from "@/lib/db/schema";
import { payActionReward } from "@/lib/shop";
import { requestPayout, runPayouts } from "@/lib/payouts";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { clearPayouts, payoutRow, payoutsWorld, testWallet, usePayouts } from "../../helpers/payouts";

const cronSecret = "payouts-cron-secret-0123456789abcdef";

describeEachEngine("refunds", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  usePayouts(emulator);
  const w = payoutsWorld(emulator);
  const cron = () => call<{ counts: Record<string, number> }>(cronGET, "GET", "/api/cron/reconcile", { headers: { Authorization: `Bearer ${cronSecret}` } });

  beforeEach(async () => {
    process.env.CRON_SECRET = cronSecret;
    resetEnv();
    await clearPayouts();
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.CRON_SECRET;
    resetEnv();
  });

  it("refunds a paid order to its payer, for its amount, once, in the scheduled run; the payer sees it", async () => {
    const [admin, bob] = [await w.admin(), await w.pioneer("refund-bob")];
    const order = await w.paidOrder(bob, "pro-month");
    const bobWallet = await w.walletOf(bob.uid);
    const before = await w.balance(bobWallet);

    const first = await w.refund(admin, order.id);
    expect(first.status).toBe(202);
    expect(first.body.payout).toEqual({ id: expect.any(String) as string, status: "queued" });
    // Nothing is paid inside the request: Pi has no payout yet, the chain has no payment.
    expect(await w.piPayouts()).toEqual([]);
    expect(await w.chainPaymentsTo(bobWallet)).toEqual([]);
    const again = await w.refund(admin, order.id);
    expect([again.status, again.body.payout.id]).toEqual([202, first.body.payout.id]);
    expect((await w.s.orders(bob)).body.orders[0]?.refund).toEqual({ status: "on_its_way", amount: 5, txid: null });

    const run = await cron();
    expect(run.status).toBe(200);
    expect(run.body.counts).toMatchObject({ payoutsCompleted: 1, payoutsWaiting: 0 });

    const onChain = await w.chainPaymentsTo(bobWallet);
    expect(onChain).toHaveLength(1);
    expect(onChain[0]?.payments).toEqual([{ from: testWallet.publicKey, to: bobWallet, amount: "5.0000000" }]);
    expect(await w.balance(bobWallet)).toBe((Number(before) + 5).toFixed(7));
    const [piPayout] = await w.piPayouts();
    expect(piPayout).toMatchObject({ user_uid: bob.uid, amount: 5, status: { developer_completed: true }, transaction: { txid: onChain[0]?.hash } });
    expect(onChain[0]?.memo).toBe(piPayout?.identifier);
    expect((await w.s.orders(bob)).body.orders[0]?.refund).toEqual({ status: "refunded", amount: 5, txid: onChain[0]?.hash });

    // Asking again, and running again, pays nothing more.
    expect((await w.refund(admin, order.id)).body.payout).toEqual({ id: first.body.payout.id, status: "completed" });
    await cron();
    expect(await w.chainPaymentsTo(bobWallet)).toHaveLength(1);
  });

  it("never pays a queued refund from a Pioneer's request: reconcile and incomplete, by the payer or anyone", async () => {
    const [admin, bob, carl] = [await w.admin(), await w.pioneer("refund-open-bob"), await w.pioneer("refund-open-carl")];
    const order = await w.paidOrder(bob, "pro-month");
    const bobWallet = await w.walletOf(bob.uid);
    const { payout } = (await w.refund(admin, order.id)).body;
    expect(payout.status).toBe("queued");

    // What the app sends as it opens, and when Pi reports an unfinished payment (Carl's is not his).
    for (const [pioneer, incompleteStatus] of [[bob, 200], [carl, 403]] as const) {
      expect((await call(reconcilePOST, "POST", "/api/payments/reconcile", { token: pioneer.sessionToken, body: {} })).status).toBe(200);
      expect((await w.s.incomplete(pioneer, { paymentId: order.paymentId })).status).toBe(incompleteStatus);
    }
    expect(await w.piPayouts()).toEqual([]);
    expect(await w.chainPaymentsTo(bobWallet)).toEqual([]);
    expect((await payoutRow(payout.id))?.status).toBe("queued");

    expect((await cron()).body.counts).toMatchObject({ payoutsCompleted: 1 });
    expect(await w.chainPaymentsTo(bobWallet)).toHaveLength(1);
  });

  it("lets an admin ask again for a refund that failed with nothing paid, pays that one once, and never repeats one that paid", async () => {
    const [admin, dora] = [await w.admin(), await w.pioneer("refund-dora")];
    const order = await w.paidOrder(dora, "pro-month");
    const doraWallet = await w.walletOf(dora.uid);
    const first = (await w.refund(admin, order.id)).body.payout;
    // Pi refuses the payout for good (as for a Pioneer without a wallet yet): it fails, nothing moves.
    await w.s.fault({ method: "POST", path: "/v2/payments", mode: "error", status: 400, error: "missing_wallet" });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await cron();
    expect(await payoutRow(first.id)).toMatchObject({ status: "failed", lastError: "missing_wallet" });
    expect((await w.s.orders(dora)).body.orders[0]?.refund).toMatchObject({ status: "failed" });

    // Two admins press "Refund again" at once: one new refund.
    const [again, twice] = await Promise.all([w.refund(admin, order.id), w.refund(admin, order.id)]);
    expect([again.status, again.body.payout.status]).toEqual([202, "queued"]);
    expect(again.body.payout.id).not.toBe(first.id);
    expect(twice.body.payout.id).toBe(again.body.payout.id);
    expect((await w.s.orders(dora)).body.orders[0]?.refund).toMatchObject({ status: "on_its_way" });
    await cron();
    expect((await w.s.orders(dora)).body.orders[0]?.refund).toMatchObject({ status: "refunded" });
    expect(await w.chainPaymentsTo(doraWallet)).toHaveLength(1);
    expect((await w.refund(admin, order.id)).body.payout).toEqual({ id: again.body.payout.id, status: "completed" });

    // A refund whose money reached the chain before Pi's record went wrong is never asked again.
    await (await getDb()).update(payouts).set({ status: "failed", lastError: "cancelled_after_payment" }).where(eq(payouts.id, again.body.payout.id));
    expect((await w.refund(admin, order.id)).body.payout).toEqual({ id: again.body.payout.id, status: "failed" });
    expect((await w.s.orders(dora)).body.orders[0]?.refund).toMatchObject({ status: "refunded" });
    await cron();
    expect(await w.chainPaymentsTo(doraWallet)).toHaveLength(1);
  });

  it("refuses an unpaid order, an unknown one and a malformed id, and changes nothing", async () => {
    const [admin, carol] = [await w.admin(), await w.pioneer("refund-carol")];
    const unpaid = await w.s.order(carol, "coffee");
    const refused = await w.refund(admin, unpaid.id);
    expect([refused.status, (refused.body as unknown as ErrorBody).error.code]).toEqual([409, "order_not_refundable"]);
    const unknown = await w.refund(admin, "0b5e3a56-0c64-4f57-9d6b-8c1f7c2f3a11");
    expect([unknown.status, (unknown.body as unknown as ErrorBody).error.code]).toEqual([404, "order_not_found"]);
    expect((await w.refund(admin, "not-an-order")).status).toBe(400);
    expect((await w.refund(admin, 42)).status).toBe(400);
    await runPayouts();
    expect(await w.piPayouts()).toEqual([]);
  });

  it("answers 404 to anyone not in ADMIN_UIDS, even the order's own payer", async () => {
    const dave = await w.pioneer("refund-dave");
    const order = await w.paidOrder(dave, "coffee");
    const asPayer = await w.refund(dave, order.id);
    expect([asPayer.status, (asPayer.body as unknown as ErrorBody).error.code]).toEqual([404, "not_found"]);
    await runPayouts();
    expect(await w.piPayouts()).toEqual([]);
    expect((await w.s.orders(dave)).body.orders[0]?.refund).toBeNull();
  });

  it("pays the order's own payer its own amount, whatever the amount of other orders", async () => {
    const [admin, erin, frank] = [await w.admin(), await w.pioneer("refund-erin"), await w.pioneer("refund-frank")];
    const small = await w.paidOrder(erin, "coffee");
    await w.paidOrder(frank, "pro-month");
    expect((await w.refund(admin, small.id)).status).toBe(202);
    await runPayouts();
    const payouts = await w.piPayouts();
    expect(payouts.map((p) => [p.user_uid, p.amount])).toEqual([[erin.uid, 1]]);
    expect(await w.chainPaymentsTo(await w.walletOf(frank.uid))).toEqual([]);
  });

  it("takes no amount or recipient from the request: a body naming them still pays the order's amount to its payer", async () => {
    const [admin, ivan, judy] = [await w.admin(), await w.pioneer("refund-ivan"), await w.pioneer("refund-judy")];
    const order = await w.paidOrder(ivan, "coffee");
    await w.paidOrder(judy, "coffee");
    const judyWallet = await w.walletOf(judy.uid);
    const body = { orderId: order.id, amount: "1000", uid: judy.uid, to: judyWallet, recipient: judyWallet };
    expect((await call(refundsPOST, "POST", "/api/admin/refunds", { token: admin.sessionToken, body })).status).toBe(202);
    await runPayouts();
    expect((await w.piPayouts()).map((p) => [p.user_uid, p.amount])).toEqual([[ivan.uid, 1]]);
    expect(await w.chainPaymentsTo(judyWallet)).toEqual([]);
    expect((await w.chainPaymentsTo(await w.walletOf(ivan.uid)))[0]?.payments).toEqual([{ from: testWallet.publicKey, to: await w.walletOf(ivan.uid), amount: "1.0000000" }]);
  });

  it("refuses while payouts are off, and queues nothing", async () => {
    const [admin, gina] = [await w.admin(), await w.pioneer("refund-gina")];
    const order = await w.paidOrder(gina, "coffee");
    process.env.PAYOUTS_ENABLED = "false";
    resetEnv();
    try {
      const answer = await w.refund(admin, order.id);
      expect([answer.status, (answer.body as unknown as ErrorBody).error.code]).toEqual([409, "payouts_disabled"]);
    } finally {
      process.env.PAYOUTS_ENABLED = "true";
      resetEnv();
    }
    expect((await w.s.orders(gina)).body.orders[0]?.refund).toBeNull();
  });

  it("pays an action reward once per action (the example in lib/shop/rewards.ts)", async () => {
    const hana = await w.pioneer("reward-hana");
    const first = await payActionReward(hana.uid, "survey-2026-06");
    expect(await payActionReward(hana.uid, "survey-2026-06")).toEqual(first);
    await runPayouts();
    await runPayouts();
    expect((await payoutRow(first.id))?.status).toBe("completed");
    expect((await w.piPayouts()).map((p) => [p.user_uid, p.amount])).toEqual([[hana.uid, 0.1]]);
    // The same key never names another amount or Pioneer.
    await expect(requestPayout({ businessKey: "reward:survey-2026-06", uid: hana.uid, amount: "5", memo: "More" })).rejects.toThrow(/other terms/);
  });
});
