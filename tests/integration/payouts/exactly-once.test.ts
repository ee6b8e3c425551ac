// @vitest-environment node
// A payout is paid exactly once, whatever is lost on the way: Horizon's answer, the server itself,
// Pi's answer to /complete or to the creation, or a second worker starting at the same moment.
import { Horizon, Keypair } from "@stellar/stellar-sdk";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { payouts } from "@/lib/db/schema";
import { piApi } from "@/lib/pi/platform-api";
import { runPayouts } from "@/lib/payouts";
import * as stellar from "@/lib/payouts/stellar";
import { envelopeLifetimeMs, maxFailedTransactions, settleMarginMs } from "@/lib/payouts/rules";
import type { Pioneer } from "../../helpers/shop";
import { useEmulator } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { ahead, clearPayouts, payoutRow, payoutsWorld, testWallet, usePayouts } from "../../helpers/payouts";
import { payment } from "../emulator/horizon-helpers";

describeEachEngine("a payout paid exactly once", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  usePayouts(emulator);
  const w = payoutsWorld(emulator);

  beforeEach(() => clearPayouts());
  afterEach(() => vi.restoreAllMocks());

  /** A paid 5 π order and its refund, queued. */
  async function queuedRefund(name: string) {
    const [admin, pioneer] = [await w.admin(), await w.pioneer(name)];
    const order = await w.paidOrder(pioneer, "pro-month");
    const { body } = await w.refund(admin, order.id);
    return { admin, pioneer, orderId: order.id, payoutId: body.payout.id, wallet: await w.walletOf(pioneer.uid) };
  }

  /** One payment of 5 π on chain to the Pioneer, and Pi's one payout completed with it. */
  async function expectPaidOnce(pioneer: Pioneer, wallet: string) {
    const onChain = (await w.chainPaymentsTo(wallet)).filter((t) => t.successful);
    expect(onChain.map((t) => t.payments)).toEqual([[expect.objectContaining({ to: wallet, amount: "5.0000000" })]]);
    const payouts = await w.piPayouts();
    expect(payouts).toHaveLength(1);
    expect(payouts[0]).toMatchObject({ user_uid: pioneer.uid, status: { developer_completed: true }, transaction: { txid: onChain[0]?.hash } });
  }

  it("when Horizon applies the transaction but its answer is lost (504), finds it by its hash and never pays again", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-timeout");
    await w.s.fault({ method: "POST", path: "/horizon/transactions", mode: "timeout-after-apply" });
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 1 });
    await runPayouts({ now: ahead(envelopeLifetimeMs + settleMarginMs + 60_000) });
    await expectPaidOnce(pioneer, wallet);
    expect(await w.callCount("POST", /^\/horizon\/transactions$/)).toBe(1);
    expect((await payoutRow(payoutId))?.envelopes).toBe(1);
  });

  it("when the server is killed after submitting, a fresh worker settles the same envelope: one payment", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-killed");
    const real = stellar.horizonClient;
    vi.spyOn(stellar, "horizonClient").mockImplementation((url, timeoutMs) => {
      const client = real(url, timeoutMs);
      // The envelope reaches Horizon, then the process dies: no answer, no code after it ever runs.
      return { ...client, submit: (xdr: string) => client.submit(xdr).then(() => new Promise<never>(() => undefined)) };
    });
    void runPayouts();
    await vi.waitFor(async () => expect((await w.chainPaymentsTo(wallet)).length).toBe(1), { timeout: 10_000 });
    expect((await payoutRow(payoutId))?.status).toBe("submitted");
    vi.restoreAllMocks();

    // Restarted: nothing in memory survives; the dead worker's lease runs out.
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 0 });
    expect(await runPayouts({ now: ahead(2 * 60_000) })).toMatchObject({ payoutsCompleted: 1 });
    await expectPaidOnce(pioneer, wallet);
    expect(await w.callCount("POST", /^\/horizon\/transactions$/)).toBe(1);
  });

  it("when /complete fails, the next run completes it with the same transaction and pays nothing more", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-complete");
    await w.s.fault({ method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 500 });
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 0, payoutsWaiting: 1 });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "on_chain", lastError: "unknown_error" });
    expect((await w.s.orders(pioneer)).body.orders[0]?.refund?.status).toBe("refunded");
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 1 });
    await expectPaidOnce(pioneer, wallet);
  });

  it("when Pi completes but its answer is lost, the next run reads Pi's record and records the completion", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-complete-lost");
    await w.s.fault({ method: "POST", path: "/v2/payments/*/complete", mode: "drop-response" });
    await runPayouts();
    await runPayouts();
    const row = await payoutRow(payoutId);
    expect(row?.status).toBe("completed");
    await expectPaidOnce(pioneer, wallet);
    // Pi's record said completed: /complete was not sent again.
    expect(await w.callCount("POST", new RegExp(`^/v2/payments/${row?.piPaymentId ?? ""}/complete$`))).toBe(1);
  });

  it("when two workers start at once, one holds the wallet and pays; Pi is asked once", async () => {
    const { pioneer, wallet } = await queuedRefund("once-twins");
    await w.s.clearCalls();
    // The first worker is held in the middle of creating the payment at Pi until the second one has run.
    const create = piApi.createPayment;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const reached = new Promise<void>((resolve) => {
      vi.spyOn(piApi, "createPayment").mockImplementationOnce(async (payout) => {
        resolve();
        await held;
        return create(payout);
      });
    });
    const first = runPayouts();
    // A first worker that never reaches Pi fails here at once rather than hanging until the timeout.
    await Promise.race([reached, first.then(() => Promise.reject(new Error("the first worker finished without creating the payment at Pi")))]);
    const second = await runPayouts();
    release();
    expect([(await first).payoutsCompleted, second.payoutsCompleted]).toEqual([1, 0]);
    await expectPaidOnce(pioneer, wallet);
    expect(await w.callCount("POST", /^\/v2\/payments$/)).toBe(1);
  });

  it("when Pi's answer to the creation is lost, recovers the payment Pi made from its metadata: one payment at Pi", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-create-lost");
    await w.s.fault({ method: "POST", path: "/v2/payments", mode: "drop-response" });
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 1 });
    await expectPaidOnce(pioneer, wallet);
    expect((await payoutRow(payoutId))?.piPaymentId).toBe((await w.piPayouts())[0]?.identifier);
  });

  it("when Horizon never took the envelope, sends the same one until its time bound passes, then a new one: one payment", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-expired");
    await w.s.fault({ method: "POST", path: "/horizon/transactions", mode: "error", status: 503, times: 2 });
    await runPayouts();
    const first = await payoutRow(payoutId);
    expect(first).toMatchObject({ status: "submitted", envelopes: 1 });
    await runPayouts({ now: ahead(60_000) });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "submitted", txid: first?.txid, envelopes: 1 });

    expect(await runPayouts({ now: ahead(envelopeLifetimeMs + settleMarginMs + 5_000) })).toMatchObject({ payoutsCompleted: 1 });
    const last = await payoutRow(payoutId);
    expect(last).toMatchObject({ status: "completed", envelopes: 2, failedTransactions: 0 });
    expect(last?.txid).not.toBe(first?.txid);
    await expectPaidOnce(pioneer, wallet);
  });

  it("does not take a transaction someone else sent the wallet, with the payout's payment id as memo, for the payout's", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-foreign-memo");
    // The first run creates the payment at Pi, then cannot read the wallet before building: it waits in `created`.
    const real = stellar.horizonClient;
    let accountReads = 0;
    vi.spyOn(stellar, "horizonClient").mockImplementation((url, timeoutMs) => {
      const client = real(url, timeoutMs);
      return { ...client, account: (key: string) => (++accountReads === 2 ? Promise.reject(new Error("no answer")) : client.account(key)) };
    });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await runPayouts();
    const created = await payoutRow(payoutId);
    expect(created).toMatchObject({ status: "created", envelopes: 0 });
    vi.mocked(stellar.horizonClient).mockRestore();

    const { secret } = (await emulator().control<{ secret: string }>("POST", "/control/horizon/accounts", { balance: "10" })).body;
    const stranger = Keypair.fromSecret(secret);
    const horizon = new Horizon.Server(`${emulator().url}/horizon`, { allowHttp: true });
    const decoy = payment(await horizon.loadAccount(stranger.publicKey()), stranger, { to: testWallet.publicKey, amount: "1", memo: created?.piPaymentId ?? "" });
    await horizon.submitTransaction(decoy);

    expect(await runPayouts({ now: ahead(60_000) })).toMatchObject({ payoutsCompleted: 1 });
    await expectPaidOnce(pioneer, wallet);
  });

  it("when Horizon cannot search the memos of Pi's open payouts, the run still settles its payouts: one payment", async () => {
    const { pioneer, payoutId, wallet } = await queuedRefund("once-search-fails");
    await w.s.fault({ method: "POST", path: "/horizon/transactions", mode: "error", status: 503 });
    await runPayouts();
    expect(await payoutRow(payoutId)).toMatchObject({ status: "submitted" });
    await w.s.fault({ method: "GET", path: "/horizon/accounts/*/transactions", mode: "error", status: 503, times: 20 });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await runPayouts({ now: ahead(60_000) })).toMatchObject({ payoutsCompleted: 1 });
    await expectPaidOnce(pioneer, wallet);
  });

  it("when every transaction fails on chain, spends one fee a run, then gives up: nothing paid, Pi's payment cancelled", async () => {
    const { payoutId, wallet } = await queuedRefund("once-failing");
    // Applied as failures, as for a Pioneer's wallet that is not on the chain: each one costs a fee.
    await w.s.fault({ method: "POST", path: "/horizon/transactions", mode: "reject", code: "op_no_destination", times: 100 });
    const submits = () => w.callCount("POST", /^\/horizon\/transactions$/);
    for (let run = 1; run <= maxFailedTransactions; run++) {
      await runPayouts({ now: ahead(run * 60_000) });
      expect(await submits()).toBe(run);
    }
    expect(await runPayouts({ now: ahead((maxFailedTransactions + 1) * 60_000) })).toMatchObject({ payoutsFailed: 1 });
    expect(await submits()).toBe(maxFailedTransactions);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "failed", lastError: "too_many_failed_transactions", envelopes: maxFailedTransactions, failedTransactions: maxFailedTransactions });
    expect((await w.chainPaymentsTo(wallet)).filter((t) => t.successful)).toEqual([]);
    expect(await w.piPayouts()).toMatchObject([{ status: { cancelled: true } }]);
  });

  it("when Pi does not take the cancel of a payout given up, the next run cancels it, so Pi blocks no later payout", async () => {
    const { payoutId } = await queuedRefund("once-cancel-lost");
    await w.s.fault({ method: "POST", path: "/horizon/transactions", mode: "reject", code: "op_no_destination", times: 100 });
    for (let run = 1; run <= maxFailedTransactions; run++) await runPayouts({ now: ahead(run * 60_000) });
    await w.s.fault({ method: "POST", path: "/v2/payments/*/cancel", mode: "error", status: 500 });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await runPayouts({ now: ahead((maxFailedTransactions + 1) * 60_000) });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "failed", lastError: "too_many_failed_transactions" });
    expect(await w.piPayouts()).toMatchObject([{ status: { cancelled: false, developer_completed: false } }]);

    await runPayouts({ now: ahead((maxFailedTransactions + 2) * 60_000) });
    expect(await w.piPayouts()).toMatchObject([{ status: { cancelled: true } }]);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "failed" });
  });

  it("a closed payout the chain shows paid is neither cancelled at Pi nor ever refunded again", async () => {
    const { admin, orderId, payoutId, wallet } = await queuedRefund("once-closed-paid");
    // Paid on chain, Pi's /complete lost; then (as after a search that missed it) the row says failed.
    await w.s.fault({ method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 500 });
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    await runPayouts();
    const paid = await payoutRow(payoutId);
    expect(paid).toMatchObject({ status: "on_chain" });
    await (await getDb()).update(payouts).set({ status: "failed", lastError: "too_many_failed_transactions" }).where(eq(payouts.id, payoutId));

    await runPayouts({ now: ahead(60_000) });
    expect(await w.piPayouts()).toMatchObject([{ status: { cancelled: false, developer_completed: false } }]);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "failed", lastError: "paid_after_close", txid: paid?.txid });
    const again = await w.refund(admin, orderId);
    expect([again.status, again.body]).toEqual([202, { payout: { id: payoutId, status: "failed" } }]);
    expect((await w.chainPaymentsTo(wallet)).filter((t) => t.successful)).toHaveLength(1);
  });
});
