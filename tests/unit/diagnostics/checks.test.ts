// @vitest-environment node
import { describe, expect, it } from "vitest";
import { configurationCheck, databaseCheck, keyNetworkCheck, networkCheck, reconcilerCheck, serverKeyCheck, signInLimitCheck, validationKeyCheck } from "@/lib/diagnostics/checks";

const now = new Date("2026-06-01T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3600_000);

describe("diagnostics checks", () => {
  it("shows start-up refusals as errors in production and as warnings in development, with their fixes", () => {
    const problems = [{ setting: "PI_API_KEY", message: "PI_API_KEY: is not set. Copy it from the Developer Portal." }];
    expect(configurationCheck(problems, true)).toMatchObject({ status: "error", detail: expect.stringContaining("PI_API_KEY") as unknown, fix: expect.stringContaining("Developer Portal") as unknown });
    expect(configurationCheck(problems, false).status).toBe("warn");
    expect(configurationCheck([], true).status).toBe("ok");
  });

  it("refuses the Sandbox on Mainnet, and says which host the app expects otherwise", () => {
    expect(networkCheck("Pi Network", true).status).toBe("error");
    expect(networkCheck("Pi Testnet", true)).toMatchObject({ status: "info", detail: expect.stringContaining("Pi Sandbox") as unknown });
    expect(networkCheck("Pi Network", false).detail).toContain("Pi Browser");
  });

  it("warns a production server without a trustworthy client address that one client can use up everyone's sign-ins", () => {
    const selfHosted = { onVercel: false, trustProxy: false, perMinute: 30, sharedPerMinute: 300 };
    expect(signInLimitCheck(selfHosted, true)).toMatchObject({ status: "warn", detail: expect.stringContaining("300") as unknown, fix: expect.stringContaining("TRUST_PROXY=true") as unknown });
    expect(signInLimitCheck(selfHosted, false).status).toBe("info");
    expect(signInLimitCheck({ ...selfHosted, trustProxy: true }, true)).toMatchObject({ status: "ok", detail: expect.stringContaining("X-Forwarded-For") as unknown });
    expect(signInLimitCheck({ ...selfHosted, onVercel: true }, true)).toMatchObject({ status: "ok", detail: expect.stringContaining("X-Real-IP") as unknown });
    expect(signInLimitCheck({ ...selfHosted, perMinute: 0 }, true)).toMatchObject({ status: "info", detail: expect.stringContaining("off") as unknown });
  });

  it("tells a refused key from an unreachable Pi", () => {
    expect(serverKeyCheck({ accepted: true }).status).toBe("ok");
    expect(serverKeyCheck({ accepted: false, reason: "refused", status: 401 })).toMatchObject({ status: "error", fix: expect.stringContaining("PI_API_KEY") as unknown });
    expect(serverKeyCheck({ accepted: false, reason: "unreachable", status: 0 }).status).toBe("warn");
  });

  it("compares the network Pi records on the key's payments with PI_NETWORK", () => {
    expect(keyNetworkCheck("Pi Testnet", "Pi Network")).toMatchObject({ status: "error", fix: expect.stringContaining('PI_NETWORK="Pi Network"') as unknown });
    expect(keyNetworkCheck("Pi Testnet", "Pi Testnet").status).toBe("ok");
    expect(keyNetworkCheck("Pi Testnet", null).status).toBe("info");
  });

  it("says whether a validation key is served, showing only its start", () => {
    expect(validationKeyCheck(undefined).status).toBe("warn");
    const served = validationKeyCheck("abcd".repeat(16));
    expect(served.status).toBe("ok");
    expect(served.detail).toContain("64-character");
    expect(served.detail).not.toContain("abcd".repeat(2));
  });

  it("flags missing migrations and PGlite in production", () => {
    expect(databaseCheck("postgres", 2, 3, true).status).toBe("error");
    expect(databaseCheck("pglite", 3, 3, true).status).toBe("warn");
    expect(databaseCheck("pglite", 3, 3, false).status).toBe("ok");
  });

  it("warns when the reconciler cannot run, has not run for a day, or failed checks", () => {
    expect(reconcilerCheck(null, false, now).status).toBe("warn");
    expect(reconcilerCheck(null, true, now).status).toBe("warn");
    const run = (finishedAt: Date, counts: Record<string, number>) => ({ trigger: "cron", finishedAt, counts });
    expect(reconcilerCheck(run(hoursAgo(2), { examined: 3, paid: 1 }), true, now)).toMatchObject({ status: "ok", detail: expect.stringContaining("paid 1") as unknown });
    expect(reconcilerCheck(run(hoursAgo(30), {}), true, now).status).toBe("warn");
    expect(reconcilerCheck(run(hoursAgo(1), { failed: 2 }), true, now).status).toBe("warn");
  });
});
