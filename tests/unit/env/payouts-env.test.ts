// @vitest-environment node
// Payouts are off unless switched on with a seed, refused on Mainnet without PAYOUTS_MAINNET, and
// the seed is a secret the logs redact.
import { describe, expect, it } from "vitest";
import { getPayoutsEnv, secretValues, startupProblems } from "@/lib/config/server";
import { formatUnits, toUnits } from "@/lib/pi/amount";
import { restoreEnvAfterEach, stubEnv } from "../../helpers/env";

// The emulator's PUBLIC TEST seed (emulator/horizon/app-wallet.ts): never a real wallet's.
const testSeed = "SCGLHHL6BSJMY3LY2KFDJ4MOUGBS34BHBRSSUKTB23IXFMQQVWLRBCZE";
const payoutVariables = ["PI_WALLET_SEED", "PAYOUTS_ENABLED", "PAYOUTS_MAINNET", "PI_HORIZON_URL", "PI_NETWORK", "PI_ALLOW_LOCAL_API"];

restoreEnvAfterEach();

const withEnv = (values: Record<string, string | undefined>) => stubEnv({ ...Object.fromEntries(payoutVariables.map((name) => [name, undefined])), ...values });

describe("payouts configuration", () => {
  it("is off by default, and off with only one of the two settings", () => {
    withEnv({});
    expect(getPayoutsEnv()).toMatchObject({ enabled: false, off: "switched_off", seed: undefined });
    withEnv({ PI_WALLET_SEED: testSeed });
    expect(getPayoutsEnv()).toMatchObject({ enabled: false, off: "switched_off", seed: undefined });
    withEnv({ PAYOUTS_ENABLED: "true" });
    expect(getPayoutsEnv()).toMatchObject({ enabled: false, off: "no_seed" });
  });

  it("is on with both, on Testnet, talking to Pi's Testnet Horizon", () => {
    withEnv({ PAYOUTS_ENABLED: "true", PI_WALLET_SEED: testSeed });
    expect(getPayoutsEnv()).toEqual({ enabled: true, off: null, seed: testSeed, network: "Pi Testnet", horizonUrl: "https://api.testnet.minepi.com" });
  });

  it("refuses Mainnet unless PAYOUTS_MAINNET=true, and then talks to Pi's Mainnet Horizon", () => {
    withEnv({ PAYOUTS_ENABLED: "true", PI_WALLET_SEED: testSeed, PI_NETWORK: "Pi Network" });
    expect(getPayoutsEnv()).toMatchObject({ enabled: false, off: "mainnet_not_allowed", seed: undefined });
    withEnv({ PAYOUTS_ENABLED: "true", PI_WALLET_SEED: testSeed, PI_NETWORK: "Pi Network", PAYOUTS_MAINNET: "true" });
    expect(getPayoutsEnv()).toMatchObject({ enabled: true, horizonUrl: "https://api.mainnet.minepi.com" });
  });

  it("takes an https Horizon, or a loopback one; never plain http elsewhere", () => {
    withEnv({ PI_HORIZON_URL: "http://127.0.0.1:3314/horizon/" });
    expect(getPayoutsEnv().horizonUrl).toBe("http://127.0.0.1:3314/horizon");
    withEnv({ PI_HORIZON_URL: "http://horizon.example" });
    expect(() => getPayoutsEnv()).toThrow(/PI_HORIZON_URL: .*must use https/);
  });

  it("names a malformed seed without repeating it", () => {
    withEnv({ PAYOUTS_ENABLED: "true", PI_WALLET_SEED: "GDY7QZ7MTRXIYRXIOJ2CQFKY5KN5L6V2HDGEIPBZSSRHUSKZE6PNMPGX" });
    expect(() => getPayoutsEnv()).toThrow(/PI_WALLET_SEED: is not a wallet secret seed/);
    try {
      getPayoutsEnv();
    } catch (error) {
      expect(String(error)).not.toContain("GDY7QZ7M");
    }
  });

  it("counts the seed among the secrets the logs redact", () => {
    withEnv({ PI_WALLET_SEED: testSeed });
    expect(secretValues()).toContain(testSeed);
  });

  it("makes a production server refuse a plain-http or local Horizon once payouts are on", () => {
    const sound = { NODE_ENV: "production", PI_API_KEY: "k", SESSION_SECRET: "s".repeat(32), DATABASE_URL: "postgres://db.example/app", PAYOUTS_ENABLED: "true" };
    expect(startupProblems({ ...sound, PI_HORIZON_URL: "https://api.testnet.minepi.com" })).toEqual([]);
    expect(startupProblems({ ...sound, PI_HORIZON_URL: "http://horizon.example" }).map((p) => p.setting)).toEqual(["PI_HORIZON_URL"]);
    expect(startupProblems({ ...sound, PI_HORIZON_URL: "http://127.0.0.1:3314/horizon" })[0]?.message).toMatch(/local address.*PI_ALLOW_LOCAL_API=true/);
    expect(startupProblems({ ...sound, PI_HORIZON_URL: "http://127.0.0.1:3314/horizon", PI_ALLOW_LOCAL_API: "true" })).toEqual([]);
    expect(startupProblems({ ...sound, PAYOUTS_ENABLED: "false", PI_HORIZON_URL: "http://horizon.example" })).toEqual([]);
  });
});

describe("Stellar amounts", () => {
  it("are 7-decimal strings made from exact units", () => {
    expect(formatUnits(toUnits("5") ?? 0n)).toBe("5.0000000");
    expect(formatUnits(toUnits("0.0000001") ?? 0n)).toBe("0.0000001");
    expect(formatUnits(toUnits("1234.5678901") ?? 0n)).toBe("1234.5678901");
    expect(() => formatUnits(-1n)).toThrow();
  });
});
