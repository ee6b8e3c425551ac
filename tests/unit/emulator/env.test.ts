// @vitest-environment node
import { describe, expect, it } from "vitest";
import { parseEmulatorEnv } from "@/emulator/env";
import { DEFAULT_OAUTH_CLIENT_ID } from "@/emulator/config";
import { DEFAULT_EMULATOR_API_KEY } from "@/emulator/server";

describe("parseEmulatorEnv", () => {
  it("defaults to port 3314, the development key and the Testnet; empty strings count as unset", () => {
    expect(parseEmulatorEnv({ PI_EMULATOR_PORT: "", PI_NETWORK: "" })).toEqual({
      ok: true,
      options: {
        port: 3314,
        host: "127.0.0.1",
        apiKey: DEFAULT_EMULATOR_API_KEY,
        network: "Pi Testnet",
        approvalExpiryMs: 60_000,
        callbackRetryMs: 10_000,
        oauthClientId: "emulator-oauth-client",
      },
    });
    expect(DEFAULT_EMULATOR_API_KEY).toBe("emulator-dev-key-not-a-secret");
    expect(DEFAULT_OAUTH_CLIENT_ID).toBe("emulator-oauth-client");
  });

  it("reads every variable", () => {
    const result = parseEmulatorEnv({
      PI_EMULATOR_PORT: "0",
      PI_EMULATOR_API_KEY: "k",
      PI_NETWORK: "Pi Network",
      PI_EMULATOR_APPROVAL_EXPIRY_MS: "500",
      PI_EMULATOR_CALLBACK_RETRY_MS: "100",
      PI_EMULATOR_OAUTH_CLIENT_ID: "my-app.dev",
    });
    expect(result).toEqual({
      ok: true,
      options: { port: 0, host: "127.0.0.1", apiKey: "k", network: "Pi Network", approvalExpiryMs: 500, callbackRetryMs: 100, oauthClientId: "my-app.dev" },
    });
  });

  it("names the variable that is wrong", () => {
    for (const [name, value] of [
      ["PI_EMULATOR_PORT", "70000"],
      ["PI_NETWORK", "Pi Mainnet"],
      ["PI_EMULATOR_CALLBACK_RETRY_MS", "soon"],
      ["PI_EMULATOR_OAUTH_CLIENT_ID", "no spaces allowed"],
    ] as const) {
      const result = parseEmulatorEnv({ [name]: value });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toContain(name);
    }
  });
});
