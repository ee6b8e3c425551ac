// `npm run test:e2e`: builds the app into .next-e2e pointed at the Pi emulator, then runs Playwright.
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { e2eEnv } from "../tests/e2e/env";

function findBrowser(): string | null {
  for (const path of [process.env.CHROME_PATH, "/usr/bin/chromium"]) if (path && existsSync(path)) return path;
  return null;
}

async function playwrightOwnBrowser(): Promise<string | null> {
  const { chromium } = await import("@playwright/test");
  const path = chromium.executablePath();
  return existsSync(path) ? path : null;
}

if (!findBrowser() && !(await playwrightOwnBrowser())) {
  console.error(`No Chromium found for the end-to-end tests.
  - Debian/Ubuntu: sudo apt-get install -y chromium   (then it is used from /usr/bin/chromium)
  - Elsewhere: set CHROME_PATH to a Chrome or Chromium binary, or run \`npx playwright install chromium\`.`);
  process.exit(1);
}

const env = { ...process.env, ...e2eEnv };
// The build gets the public values only, and every server setting blank (blank wins over a
// developer's .env files): `next build` must need no secret.
const publicOnly: Record<string, string> = Object.fromEntries(Object.entries(e2eEnv).map(([name, value]) => [name, name.startsWith("NEXT_") ? value : ""]));
const buildEnv: NodeJS.ProcessEnv = { ...process.env, ...publicOnly, CRON_SECRET: "" };

function run(command: string, args: string[], runEnv: NodeJS.ProcessEnv = env) {
  const result = spawnSync(command, args, { env: runEnv, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A fresh database each run, so results never depend on a previous one.
rmSync(e2eEnv.PGLITE_DIR ?? ".data/e2e", { recursive: true, force: true });
if (!process.argv.includes("--no-build") || !existsSync(".next-e2e")) {
  run(process.execPath, ["node_modules/next/dist/bin/next", "build"], buildEnv);
}
run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]);
