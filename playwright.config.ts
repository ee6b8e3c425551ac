import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { e2eEnv, e2ePorts } from "./tests/e2e/env";

/**
 * End-to-end tests: the production build (`npm run test:e2e` builds it into .next-e2e, pointed at
 * the emulator) against the Pi emulator, in headless Chromium at a phone viewport.
 */
function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium"].filter((p): p is string => Boolean(p));
  return candidates.find((path) => existsSync(path));
}

const executablePath = chromiumPath();

export default defineConfig({
  testDir: "tests/e2e",
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? "line" : "list",
  use: {
    ...devices["Pixel 7"],
    baseURL: `http://localhost:${e2ePorts.app}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "phone", use: { browserName: "chromium" } }],
  webServer: [
    {
      command: "node_modules/.bin/tsx scripts/emulator.ts",
      url: `http://127.0.0.1:${e2ePorts.emulator}/pi-sdk.js`,
      env: e2eEnv,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${e2ePorts.app}`,
      url: `http://localhost:${e2ePorts.app}/api/health`,
      env: e2eEnv,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
