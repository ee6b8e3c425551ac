// @vitest-environment node
import { describe, expect, it } from "vitest";
import { startupProblems } from "@/lib/config/server";

// A production configuration with nothing to refuse; each test breaks one thing.
const sound = {
  NODE_ENV: "production",
  PI_API_KEY: "server-key",
  SESSION_SECRET: "s".repeat(32),
  DATABASE_URL: "postgres://db.example/app",
  PI_NETWORK: "Pi Network",
};

const settings = (env: Record<string, string | undefined>) => startupProblems(env).map((p) => p.setting);

describe("startup problems", () => {
  it("finds none in a sound production configuration, and none outside production", () => {
    expect(startupProblems(sound)).toEqual([]);
    expect(startupProblems({ NODE_ENV: "development" })).toEqual([]);
    expect(startupProblems({ NODE_ENV: "test" })).toEqual([]);
  });

  it("refuses a missing Server API Key, naming the setting and where to get it", () => {
    for (const PI_API_KEY of [undefined, ""]) {
      const [problem] = startupProblems({ ...sound, PI_API_KEY });
      expect(problem?.setting).toBe("PI_API_KEY");
      expect(problem?.message).toMatch(/^PI_API_KEY: is not set\..*Developer Portal/);
    }
  });

  it("refuses a missing or short session secret, and says how to make one", () => {
    expect(startupProblems({ ...sound, SESSION_SECRET: undefined })).toEqual([{ setting: "SESSION_SECRET", message: expect.stringMatching(/^SESSION_SECRET: is not set\. .*openssl rand/) as string }]);
    const [short] = startupProblems({ ...sound, SESSION_SECRET: "s".repeat(31) });
    expect(short?.message).toMatch(/^SESSION_SECRET: is shorter than 32 characters\. .*openssl rand/);
    // The secret itself is never repeated back.
    expect(short?.message).not.toContain("s".repeat(31));
  });

  it("refuses a short cron secret, which could be guessed, and lets an unset one turn the cron route off", () => {
    const [short] = startupProblems({ ...sound, CRON_SECRET: "c".repeat(15) });
    expect(short?.setting).toBe("CRON_SECRET");
    expect(short?.message).toMatch(/^CRON_SECRET: is shorter than 16 characters\. .*openssl rand/);
    expect(short?.message).not.toContain("c".repeat(15));
    expect(startupProblems({ ...sound, CRON_SECRET: "c".repeat(16) })).toEqual([]);
    expect(startupProblems({ ...sound, CRON_SECRET: "" })).toEqual([]);
  });

  it("refuses the embedded database unless PGLITE_IN_PRODUCTION=true", () => {
    const [problem] = startupProblems({ ...sound, DATABASE_URL: "" });
    expect(problem?.setting).toBe("DATABASE_URL");
    expect(problem?.message).toMatch(/Set DATABASE_URL to a postgres:\/\/ URL, or set PGLITE_IN_PRODUCTION=true/);
    expect(settings({ ...sound, DATABASE_URL: undefined, PGLITE_IN_PRODUCTION: "yes" })).toEqual(["DATABASE_URL"]);
    expect(startupProblems({ ...sound, DATABASE_URL: undefined, PGLITE_IN_PRODUCTION: "true" })).toEqual([]);
  });

  it("always refuses the embedded database on Vercel, whatever VERCEL says", () => {
    for (const VERCEL of ["1", "0", "true"]) {
      const [problem] = startupProblems({ ...sound, DATABASE_URL: undefined, PGLITE_IN_PRODUCTION: "true", VERCEL });
      expect(problem?.setting).toBe("DATABASE_URL");
      expect(problem?.message).toMatch(/required on Vercel.*PGLITE_IN_PRODUCTION does not apply/);
    }
    expect(startupProblems({ ...sound, VERCEL: "1" })).toEqual([]);
  });

  it("refuses the Pi Sandbox on Mainnet: the Sandbox is Testnet only", () => {
    const [problem] = startupProblems({ ...sound, NEXT_PUBLIC_PI_SANDBOX: "true" });
    expect(problem?.setting).toBe("NEXT_PUBLIC_PI_SANDBOX");
    expect(problem?.message).toMatch(/NEXT_PUBLIC_PI_SANDBOX=false.*PI_NETWORK="Pi Testnet"/);
    expect(startupProblems({ ...sound, NEXT_PUBLIC_PI_SANDBOX: "true", PI_NETWORK: "Pi Testnet" })).toEqual([]);
    expect(startupProblems({ ...sound, NEXT_PUBLIC_PI_SANDBOX: "false" })).toEqual([]);
  });

  it("keeps refusing a loopback or plain-http Pi API", () => {
    expect(startupProblems({ ...sound, PI_API_BASE_URL: "http://127.0.0.1:3314/v2" })[0]?.message).toMatch(/^PI_API_BASE_URL: .*PI_ALLOW_LOCAL_API=true/);
    expect(startupProblems({ ...sound, PI_API_BASE_URL: "http://127.0.0.1:3314/v2", PI_ALLOW_LOCAL_API: "true" })).toEqual([]);
    expect(settings({ ...sound, PI_API_BASE_URL: "http://api.minepi.com/v2" })).toEqual(["PI_API_BASE_URL"]);
    expect(settings({ ...sound, PI_API_BASE_URL: "not a url" })).toEqual(["PI_API_BASE_URL"]);
    expect(startupProblems({ ...sound, PI_API_BASE_URL: "https://api.minepi.com" })[0]?.message).toMatch(/^PI_API_BASE_URL: .*must end with \/v2/);
  });

  it("reports every problem at once", () => {
    const env = { NODE_ENV: "production", VERCEL: "1", NEXT_PUBLIC_PI_SANDBOX: "true", PI_NETWORK: "Pi Network", PI_API_BASE_URL: "http://localhost:3314/v2" };
    expect(settings(env)).toEqual(["PI_API_KEY", "SESSION_SECRET", "DATABASE_URL", "NEXT_PUBLIC_PI_SANDBOX", "PI_API_BASE_URL"]);
  });
});
