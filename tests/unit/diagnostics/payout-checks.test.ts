// @vitest-environment node
// What /debug says about payouts: on or off and why, Pi's feature_not_available, the wallet.
import { describe, expect, it } from "vitest";
import { payoutsCheck, piPayoutsCheck, walletCheck } from "@/lib/diagnostics/payout-checks";

const on = { kind: "on", network: "Pi Testnet", walletPublicKey: "GDY7QZ7MTRXIYRXIOJ2CQFKY5KN5L6V2HDGEIPBZSSRHUSKZE6PNMPGX", horizonUrl: "https://api.testnet.minepi.com" } as const;

describe("the payouts line", () => {
  it("says why payouts are off, with the fix", () => {
    expect(payoutsCheck({ kind: "off", reason: "switched_off" })).toMatchObject({ status: "info", detail: expect.stringContaining("PAYOUTS_ENABLED") as string, fix: expect.stringContaining("docs/PAYOUTS.md") as string });
    expect(payoutsCheck({ kind: "off", reason: "no_seed" })).toMatchObject({ status: "warn", detail: expect.stringContaining("PI_WALLET_SEED is not set") as string });
    expect(payoutsCheck({ kind: "off", reason: "mainnet_not_allowed" })).toMatchObject({ status: "warn", fix: expect.stringContaining("PAYOUTS_MAINNET=true") as string });
  });

  it("is an error for invalid settings, naming the setting, and OK when on, showing the wallet but never the seed", () => {
    expect(payoutsCheck({ kind: "misconfigured", message: "Invalid configuration:\n- PI_WALLET_SEED: is not a valid secret seed" })).toMatchObject({ status: "error", fix: expect.stringMatching(/^PI_WALLET_SEED/) as string });
    const check = payoutsCheck(on);
    expect(check).toMatchObject({ status: "ok", detail: expect.stringContaining("GDY7QZ…MPGX") as string });
  });
});

describe("Pi's side", () => {
  it("makes feature_not_available a clear state that says payouts wait, not an error", () => {
    const check = piPayoutsCheck(new Date("2026-06-01T12:00:00Z"), ["feature_not_available"]);
    expect(check).toMatchObject({ id: "payouts-pi", status: "warn", detail: expect.stringContaining("feature_not_available") as string, fix: expect.stringContaining("listing is approved") as string });
    expect(piPayoutsCheck(null, [null, "insufficient_balance"]).status).toBe("ok");
  });

  it("flags a seed that is not the app's wallet", () => {
    expect(piPayoutsCheck(null, ["wallet_mismatch"])).toMatchObject({ status: "error", fix: expect.stringContaining("PI_WALLET_SEED") as string });
  });
});

describe("the wallet line", () => {
  it("shows the balance, and warns when payouts wait for funds", () => {
    expect(walletCheck({ state: "found", balance: "120.5000000" }, 0)).toMatchObject({ status: "ok", detail: expect.stringContaining("120.5000000 π") as string });
    expect(walletCheck({ state: "found", balance: "2.0000000" }, 2)).toMatchObject({ status: "warn", detail: expect.stringContaining("2 payouts wait for funds") as string });
    expect(walletCheck({ state: "missing" }, 0).status).toBe("error");
    expect(walletCheck({ state: "unreachable" }, 0).status).toBe("warn");
  });
});
