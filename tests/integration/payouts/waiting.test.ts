// @vitest-environment node
// Payouts that cannot go yet wait in a clear state, without asking Pi again and again: the
// Pioneer's consent, Pi's feature_not_available, a wallet short of funds. And Pi's open payouts this
// database does not know are settled from the chain.
import { Asset, Horizon, Keypair, Memo, Operation, TransactionBuilder } from "@stellar/stellar-sdk";
import { beforeEach, expect, it } from "vitest";
import { requestPayout, runPayouts } from "@/lib/payouts";
import { unavailableBackoffMs, unknownPaymentGraceMs } from "@/lib/payouts/rules";
import { getDb } from "@/lib/db";
import { payoutWallets } from "@/lib/db/schema";
import type { PaymentDto } from "@/lib/pi/schemas";
import { call, useEmulator } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { ahead, clearPayouts, payoutRow, payoutsWorld, testWallet, usePayouts } from "../../helpers/payouts";
import { POST as signinPOST } from "@/app/api/auth/signin/route";

const createCalls = /^\/v2\/payments$/;

describeEachEngine("payouts that wait", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  usePayouts(emulator);
  const w = payoutsWorld(emulator);

  beforeEach(() => clearPayouts());

  async function queuedRefund(name: string, scopes?: string[]) {
    const [admin, pioneer] = [await w.admin(), await w.pioneer(name, scopes)];
    const order = await w.paidOrder(pioneer, "pro-month");
    const { body } = await w.refund(admin, order.id);
    return { pioneer, payoutId: body.payout.id };
  }

  it("missing_scope: waits for the Pioneer's consent, asks Pi no more, and pays once they sign in again granting it", async () => {
    const { pioneer, payoutId } = await queuedRefund("wait-consent", ["username", "payments"]);
    expect(await runPayouts()).toMatchObject({ payoutsNeedConsent: 1, payoutsWaiting: 0 });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "needs_consent", lastError: "missing_scope" });
    expect((await w.s.orders(pioneer)).body.orders[0]?.refund).toEqual({ status: "needs_consent", amount: 5, txid: null });
    await runPayouts({ now: ahead(60 * 60_000) });
    expect(await w.callCount("POST", createCalls)).toBe(1);

    // Pi.authenticate with wallet_address, then the app's sign-in with that token.
    const { body } = await emulator().control<{ accessToken: string }>("POST", "/control/users", { username: "wait-consent", scopes: ["username", "payments", "wallet_address"] });
    expect((await call(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: body.accessToken } })).status).toBe(200);
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 1 });
    expect((await w.s.orders(pioneer)).body.orders[0]?.refund?.status).toBe("refunded");
    expect(await w.piPayouts()).toHaveLength(1);
  });

  it("feature_not_available: a clear state on the wallet, one question to Pi an hour, then paid once Pi allows it", async () => {
    const { payoutId } = await queuedRefund("wait-feature");
    await emulator().control("POST", "/control/payouts", { available: false });
    expect(await runPayouts()).toMatchObject({ payoutsWaiting: 1, payoutsFailed: 0 });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "queued", lastError: "feature_not_available" });
    const [wallet] = await (await getDb()).select().from(payoutWallets);
    expect(wallet).toMatchObject({ publicKey: testWallet.publicKey, unavailableSince: expect.any(Date) as Date });

    // No loop: runs within the hour leave Pi alone.
    for (const minutes of [0, 10, 59]) await runPayouts({ now: ahead(minutes * 60_000) });
    expect(await w.callCount("POST", createCalls)).toBe(1);

    await emulator().control("POST", "/control/payouts", { available: true });
    expect(await runPayouts({ now: ahead(unavailableBackoffMs + 60_000) })).toMatchObject({ payoutsCompleted: 1 });
    expect((await (await getDb()).select().from(payoutWallets))[0]?.unavailableSince).toBeNull();
  });

  it("a wallet that cannot afford the payout: waits without creating it at Pi, and pays once funded", async () => {
    const { payoutId } = await queuedRefund("wait-funds");
    await emulator().control("POST", "/control/horizon/accounts", { publicKey: testWallet.publicKey, balance: "6" });
    expect(await runPayouts()).toMatchObject({ payoutsWaiting: 1 });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "queued", lastError: "insufficient_balance" });
    expect(await w.piPayouts()).toEqual([]);
    await emulator().control("POST", "/control/horizon/accounts", { publicKey: testWallet.publicKey, balance: "6.01" });
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 1 });
    expect(await w.balance(testWallet.publicKey)).toBe("1.0000000");
  });

  it("payouts that keep waiting do not hold back a newer one: a run takes new work first, then the waits tried longest ago", async () => {
    await emulator().control("POST", "/control/horizon/accounts", { publicKey: testWallet.publicKey, balance: "6.01" });
    const { uid } = await w.pioneer("wait-big");
    const stuck = await Promise.all(
      Array.from({ length: 50 }, (_, i) => requestPayout({ businessKey: `test:too-big:${i}`, uid, amount: "10", memo: "More than the wallet holds" })),
    );
    expect(await runPayouts()).toMatchObject({ payoutsWaiting: 50 });
    const { payoutId } = await queuedRefund("wait-behind");
    expect(await runPayouts()).toMatchObject({ payoutsCompleted: 1 });
    expect(await payoutRow(payoutId)).toMatchObject({ status: "completed" });
    expect(await payoutRow(stuck[0]!.id)).toMatchObject({ status: "queued", lastError: "insufficient_balance" });
  });

  /** An app-to-user payment this database never asked for (another deployment, a lost database). */
  async function strangerPayout(name: string, pay: boolean): Promise<PaymentDto> {
    const pioneer = await w.pioneer(name);
    const response = await fetch(`${emulator().url}/v2/payments`, {
      method: "POST",
      headers: { Authorization: `Key ${emulator().apiKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ payment: { amount: 2, memo: "From elsewhere", metadata: {}, uid: pioneer.uid } }),
    });
    const payment = (await response.json()) as PaymentDto;
    if (pay) {
      const horizon = new Horizon.Server(`${emulator().url}/horizon`, { allowHttp: true });
      const app = Keypair.fromSecret(testWallet.secret);
      const tx = new TransactionBuilder(await horizon.loadAccount(app.publicKey()), { fee: "100000", networkPassphrase: "Pi Testnet" })
        .addOperation(Operation.payment({ destination: payment.to_address ?? "", asset: Asset.native(), amount: "2" }))
        .addMemo(Memo.text(payment.identifier))
        .setTimeout(180)
        .build();
      tx.sign(app);
      await horizon.submitTransaction(tx);
    }
    return payment;
  }

  it("an open payout Pi holds and we do not: completed if the chain shows it paid, cancelled only once nobody can be paying it", async () => {
    const paid = await strangerPayout("stranger-paid", true);
    const unpaid = await strangerPayout("stranger-unpaid", false);
    await runPayouts();
    const piState = async (id: string) => (await w.piPayouts()).find((p) => p.identifier === id)?.status;
    expect(await piState(paid.identifier)).toMatchObject({ developer_completed: true });
    expect(await piState(unpaid.identifier)).toMatchObject({ cancelled: false });
    await runPayouts({ now: ahead(unknownPaymentGraceMs + 60_000) });
    expect(await piState(unpaid.identifier)).toMatchObject({ cancelled: true });
    expect(await w.chainPaymentsTo(unpaid.to_address ?? "")).toEqual([]);
  });
});
