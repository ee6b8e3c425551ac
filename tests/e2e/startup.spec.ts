import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eEnv, e2ePorts } from "./env";

/** Runs `next start` on the end-to-end build with some settings changed; resolves with its exit code and output. */
function startServer(overrides: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(e2ePorts.startup)], {
    env: { ...process.env, ...e2eEnv, PORT: String(e2ePorts.startup), ...overrides },
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    // A server that is still up after this long did not refuse.
    const timer = setTimeout(() => {
      server.kill();
      resolve({ code: null, output });
    }, 20_000);
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const refusals: { name: string; overrides: Record<string, string>; says: RegExp }[] = [
  { name: "a loopback Pi API without PI_ALLOW_LOCAL_API", overrides: { PI_ALLOW_LOCAL_API: "" }, says: /PI_API_BASE_URL: .*PI_ALLOW_LOCAL_API=true/ },
  { name: "no DATABASE_URL without PGLITE_IN_PRODUCTION", overrides: { PGLITE_IN_PRODUCTION: "" }, says: /DATABASE_URL: .*PGLITE_IN_PRODUCTION=true/ },
  { name: "no DATABASE_URL on Vercel, even with PGLITE_IN_PRODUCTION", overrides: { VERCEL: "1" }, says: /DATABASE_URL: is required on Vercel/ },
  { name: "no SESSION_SECRET", overrides: { SESSION_SECRET: "" }, says: /SESSION_SECRET: is not set/ },
  { name: "a short SESSION_SECRET", overrides: { SESSION_SECRET: "too-short" }, says: /SESSION_SECRET: is shorter than 32 characters/ },
  { name: "no PI_API_KEY", overrides: { PI_API_KEY: "" }, says: /PI_API_KEY: is not set/ },
  { name: "the Pi Sandbox on Mainnet", overrides: { NEXT_PUBLIC_PI_SANDBOX: "true", PI_NETWORK: "Pi Network" }, says: /NEXT_PUBLIC_PI_SANDBOX: .*Testnet only/ },
];

for (const { name, overrides, says } of refusals) {
  test(`a production server refuses to start with ${name}`, async () => {
    const { code, output } = await startServer(overrides);
    expect(code).toBe(1);
    expect(output).toMatch(says);
  });
}

test("a production server reports every refusal at once", async () => {
  const { code, output } = await startServer({ PI_API_KEY: "", SESSION_SECRET: "", PGLITE_IN_PRODUCTION: "" });
  expect(code).toBe(1);
  for (const setting of ["PI_API_KEY", "SESSION_SECRET", "DATABASE_URL"]) expect(output).toContain(`- ${setting}: `);
});
