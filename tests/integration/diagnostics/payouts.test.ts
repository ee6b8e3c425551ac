// @vitest-environment node
// /debug's payouts card: off and why, Pi's feature_not_available, the wallet's balance, each payout
// with its Pi payment id and transaction, and the paid orders an admin can refund.
import { beforeEach, expect, it } from "vitest";
import { resetEnv } from "@/lib/config/server";
import { collectDiagnostics } from "@/lib/diagnostics";
import { runPayouts } from "@/lib/payouts";
import { useEmulator } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { clearPayouts, payoutRow, payoutsWorld, testWallet, usePayouts } from "../../helpers/payouts";

describeEachEngine("diagnostics of payouts", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  usePayouts(emulator);
  const w = payoutsWorld(emulator);
  const check = async (id: string) => (await collectDiagnostics()).payouts.checks.find((c) => c.id === id);

  beforeEach(() => clearPayouts());

  it("shows the wallet's balance, each payout with its Pi payment id and transaction, and the paid orders with their refunds", async () => {
    const [admin, bob] = [await w.admin(), await w.pioneer("diag-payout-bob")];
    const order = await w.paidOrder(bob, "coffee");
    const other = await w.paidOrder(await w.pioneer("diag-payout-carol"), "coffee");
    const { body } = await w.refund(admin, order.id);
    await runPayouts();
    const row = await payoutRow(body.payout.id);

    const report = (await collectDiagnostics()).payouts;
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([["payouts", "ok"], ["payouts-pi", "ok"], ["payouts-wallet", "ok"]]);
    expect(report.checks[2]?.detail).toContain(`Balance ${await w.balance(testWallet.publicKey)} π`);
    expect(report.payouts).toEqual([expect.objectContaining({ id: row?.id, status: "completed", piPaymentId: row?.piPaymentId, txid: row?.txid, amount: "1" })]);
    expect(report.paidOrders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderId: order.id, refund: { id: body.payout.id, status: "completed" } }),
        expect.objectContaining({ orderId: other.id, refund: null }),
      ]),
    );
  });

  it("makes feature_not_available a clear state, and lists the waiting payout", async () => {
    const [admin, dave] = [await w.admin(), await w.pioneer("diag-payout-dave")];
    const { body } = await w.refund(admin, (await w.paidOrder(dave, "coffee")).id);
    await emulator().control("POST", "/control/payouts", { available: false });
    await runPayouts();
    expect(await check("payouts-pi")).toMatchObject({ status: "warn", detail: expect.stringContaining("feature_not_available") as string });
    expect((await collectDiagnostics()).payouts.payouts).toEqual([expect.objectContaining({ id: body.payout.id, status: "queued", lastError: "feature_not_available", piPaymentId: null })]);
  });

  it("warns when payouts wait for funds", async () => {
    const [admin, erin] = [await w.admin(), await w.pioneer("diag-payout-erin")];
    await w.refund(admin, (await w.paidOrder(erin, "pro-month")).id);
    await emulator().control("POST", "/control/horizon/accounts", { publicKey: testWallet.publicKey, balance: "2" });
    await runPayouts();
    expect(await check("payouts-wallet")).toMatchObject({ status: "warn", detail: expect.stringContaining("1 payout waits for funds") as string });
  });

  it("says why payouts are off", async () => {
    process.env.PAYOUTS_ENABLED = "false";
    resetEnv();
    try {
      expect((await collectDiagnostics()).payouts.checks).toEqual([expect.objectContaining({ id: "payouts", status: "info" })]);
    } finally {
      process.env.PAYOUTS_ENABLED = "true";
      resetEnv();
    }
  });
});
