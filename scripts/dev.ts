// `npm run dev`: the app in development. With no PI_API_KEY configured it also starts the local Pi
// emulator and wires the app to it; configured for real Pi, it starts the app alone.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadEnvFiles } from "./env-files";
import { parseEmulatorEnv } from "../emulator/env";
import { startEmulator, type RunningEmulator } from "../emulator/server";

loadEnvFiles();
const env: NodeJS.ProcessEnv = { ...process.env };
const blank = (name: string) => !env[name]?.trim();

// A development-only session secret, generated once and kept out of the repo under .data/.
if (blank("SESSION_SECRET")) {
  const file = ".data/dev-session-secret";
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600 });
  }
  env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}

let emulator: RunningEmulator | undefined;
const appUrl = `http://localhost:${env.PORT ?? "3000"}`;
if (blank("PI_API_KEY")) {
  const parsed = parseEmulatorEnv(env);
  if (!parsed.ok) {
    console.error(parsed.message);
    process.exit(1);
  }
  emulator = await startEmulator(parsed.options);
  Object.assign(env, {
    PI_API_KEY: emulator.apiKey,
    PI_API_BASE_URL: `${emulator.url}/v2`,
    PI_NETWORK: emulator.network,
    NEXT_PUBLIC_PI_SDK_URL: `${emulator.url}/pi-sdk.js`,
    NEXT_PUBLIC_PI_SANDBOX: "false",
    // Pi Sign-in in an ordinary browser tab goes through the emulator's authorize page.
    NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL: `${emulator.url}/oauth/authorize`,
    NEXT_PUBLIC_PI_OAUTH_CLIENT_ID: emulator.oauthClientId,
  });
  console.log(`\nPi emulator on ${emulator.url} (no PI_API_KEY set, so the app talks to it).`);
  console.log(`  App framed as in the Pi Sandbox: ${emulator.url}/sandbox?app=${appUrl}\n`);
} else {
  console.log(`\nPI_API_KEY is set: the app talks to ${env.PI_API_BASE_URL ?? "https://api.minepi.com/v2"}.\n`);
}

const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", ...process.argv.slice(2)], { env, stdio: "inherit" });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  next.kill("SIGTERM");
  await emulator?.stop();
  process.exit(code);
}
next.on("exit", (code) => void stop(code ?? 0));
process.once("SIGINT", () => void stop(0));
process.once("SIGTERM", () => void stop(0));
