import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eEnv, e2ePorts } from "./env";

test("a production server pointed at a loopback Pi API refuses to start without PI_ALLOW_LOCAL_API", async () => {
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(e2ePorts.extra)], {
    env: { ...process.env, ...e2eEnv, PORT: String(e2ePorts.extra), PI_ALLOW_LOCAL_API: "" },
  });
  let output = "";
  server.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill();
      resolve(null);
    }, 20_000);
    server.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  expect(code).toBe(1);
  expect(output).toContain("PI_ALLOW_LOCAL_API=true");
});
