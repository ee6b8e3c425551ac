// @vitest-environment node
import { describe, expect, it } from "vitest";
import { isLoopbackUrl } from "@/lib/config/public";
import { checkServerEnvAtStartup, getAuthEnv, getDbEnv, getPiEnv } from "@/lib/config/server";
import { restoreEnvAfterEach, stubEnv as withEnv } from "../../helpers/env";

restoreEnvAfterEach();

describe("configuration", () => {
  it("applies the documented defaults", () => {
    withEnv({ PI_API_KEY: "k", PI_API_BASE_URL: undefined, PI_NETWORK: undefined, DATABASE_URL: undefined, PGLITE_DIR: undefined });
    expect(getPiEnv()).toMatchObject({ apiBaseUrl: "https://api.minepi.com/v2", network: "Pi Testnet", timeoutMs: 10_000 });
    expect(getDbEnv()).toEqual({ databaseUrl: undefined, pgliteDir: ".data/pglite", poolMax: 10 });
  });

  it("names the variable and the fix when a value is missing or wrong", () => {
    withEnv({ PI_API_KEY: "" });
    expect(() => getPiEnv()).toThrow(/PI_API_KEY: .*Developer Portal/);
    withEnv({ PI_API_KEY: "k", PI_NETWORK: "Mainnet" });
    expect(() => getPiEnv()).toThrow(/PI_NETWORK: .*"Pi Testnet" or "Pi Network"/);
    withEnv({ SESSION_SECRET: "too-short" });
    expect(() => getAuthEnv()).toThrow(/SESSION_SECRET: must be at least 32 characters.*openssl/);
    withEnv({ DATABASE_URL: "mysql://x" });
    expect(() => getDbEnv()).toThrow(/DATABASE_URL/);
  });

  it("keeps one concern's error from breaking another", () => {
    withEnv({ PI_API_KEY: undefined, SESSION_SECRET: undefined, DATABASE_URL: undefined, PGLITE_DIR: "memory://" });
    expect(getDbEnv().pgliteDir).toBe("memory://");
  });

  it("parses allowed origins to bare origins", () => {
    withEnv({ SESSION_SECRET: "x".repeat(32), ALLOWED_ORIGINS: "https://a.example/, https://b.example:8443" });
    expect(getAuthEnv().allowedOrigins).toEqual(["https://a.example", "https://b.example:8443"]);
  });

  it("refuses a loopback Pi API in production unless PI_ALLOW_LOCAL_API=true", () => {
    withEnv({ NODE_ENV: "production", PI_API_KEY: "k", PI_API_BASE_URL: "http://127.0.0.1:3314/v2", PI_ALLOW_LOCAL_API: undefined });
    expect(() => getPiEnv()).toThrow(/PI_ALLOW_LOCAL_API=true/);
    expect(() => checkServerEnvAtStartup()).toThrow(/local address/);
    withEnv({ PI_ALLOW_LOCAL_API: "true", SESSION_SECRET: "s".repeat(32), DATABASE_URL: "postgres://db.example/app" });
    expect(getPiEnv().apiBaseUrl).toBe("http://127.0.0.1:3314/v2");
    expect(() => checkServerEnvAtStartup()).not.toThrow();
    withEnv({ NODE_ENV: "development", PI_ALLOW_LOCAL_API: undefined });
    expect(getPiEnv().apiBaseUrl).toBe("http://127.0.0.1:3314/v2");
  });

  it("refuses to send the server key over plain http except to this machine", () => {
    withEnv({ NODE_ENV: "development", PI_API_KEY: "k", PI_API_BASE_URL: "http://api.minepi.com/v2" });
    expect(() => getPiEnv()).toThrow(/PI_API_BASE_URL: .*must use https/);
    withEnv({ PI_API_BASE_URL: "http://localhost:3314/v2" });
    expect(getPiEnv().apiBaseUrl).toBe("http://localhost:3314/v2");
  });

  it("refuses a Pi API base URL without /v2, since Pi's paths are appended to it", () => {
    withEnv({ NODE_ENV: "development", PI_API_KEY: "k", PI_API_BASE_URL: "https://api.minepi.com" });
    expect(() => getPiEnv()).toThrow(/PI_API_BASE_URL: https:\/\/api\.minepi\.com must end with \/v2/);
    withEnv({ PI_API_BASE_URL: "https://api.minepi.com/v2/" });
    expect(getPiEnv().apiBaseUrl).toBe("https://api.minepi.com/v2");
  });

  it("recognises loopback URLs", () => {
    for (const url of ["http://localhost:3000", "http://127.0.0.1/v2", "http://[::1]:80", "http://127.9.9.9"]) expect(isLoopbackUrl(url)).toBe(true);
    for (const url of ["https://api.minepi.com/v2", "http://10.0.0.1", "http://localhost.evil.example"]) expect(isLoopbackUrl(url)).toBe(false);
  });
});
