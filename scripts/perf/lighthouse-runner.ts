import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { emulatorUrl } from "./env";
import { buy, newPioneer, signIn, type Target } from "./flow";

/**
 * Lighthouse 12.8.2 is not a dependency (its `third-party-web: latest` breaks `npm ci`, toolchain P4):
 * `npx -y` installs it in npm's cache, and we load its Node API and the puppeteer-core and
 * chrome-launcher it ships with from there. Only a perf run needs it; `npm ci` never sees it.
 */
export const lighthouseVersion = "12.8.2";

function lighthouseModules(): string {
  const result = spawnSync("npx", ["-y", "-p", `lighthouse@${lighthouseVersion}`, "-c", "echo $PATH"], { encoding: "utf8" });
  const bin = result.stdout.trim().split(":")[0];
  if (result.status !== 0 || !bin?.endsWith(path.join("node_modules", ".bin"))) throw new Error(`npx could not provide lighthouse@${lighthouseVersion}: ${result.stderr}`);
  return path.dirname(bin);
}

type Audit = { score: number | null; numericValue?: number; details?: { items?: Record<string, unknown>[] } };
export type LighthouseResult = { categories: Record<string, { score: number | null }>; audits: Record<string, Audit> };
type Page = {
  evaluateOnNewDocument(fn: (key: string, value: string) => void, key: string, value: string): Promise<unknown>;
  setCookie(...cookies: Record<string, unknown>[]): Promise<void>;
};
type Browser = { createBrowserContext(): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }>; disconnect(): Promise<void> };

export type Visit = {
  url: string;
  /** Set in the fresh context before the page loads (the session cookie). */
  cookies?: Record<string, unknown>[];
  /** sessionStorage entries written before any script of the page runs. */
  sessionStorage?: Record<string, string>;
};

/** The app as Lighthouse visits it: every visit comes from this machine, so the request limits are off. */
export const limitsOff = { RATE_LIMIT_SIGNIN_PER_MINUTE: "0", RATE_LIMIT_API_PER_MINUTE: "0" };

export const chromeFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * One Chromium for the run; each visit gets a fresh browser context (empty cache, cookies, storage),
 * so Lighthouse's own storage reset is off and cannot clear the cookie we set. Mobile preset
 * (Lighthouse's default config: Moto G Power, simulated slow 4G and 4× CPU slowdown).
 */
export async function openLighthouse(chromePath: string) {
  const modules = lighthouseModules();
  const load = (name: string) => import(pathToFileURL(path.join(modules, name)).href) as Promise<Record<string, unknown>>;
  // The same puppeteer-core Lighthouse drives its own pages with: the page we hand it must be one of its own.
  const lighthouse = (await load("lighthouse/core/index.js")) as { navigation: (page: Page, url: string, options: unknown) => Promise<{ lhr: LighthouseResult } | undefined> };
  const { launch } = (await load("chrome-launcher/dist/index.js")) as { launch: (o: unknown) => Promise<{ port: number; kill(): Promise<void> }> };
  const puppeteer = ((await load("puppeteer-core/lib/esm/puppeteer/puppeteer-core.js")) as { default: { connect(o: unknown): Promise<Browser> } }).default;

  const chrome = await launch({ chromePath, chromeFlags });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}`, defaultViewport: null });

  async function run(visit: Visit): Promise<LighthouseResult> {
    const context = await browser.createBrowserContext();
    try {
      const page = await context.newPage();
      if (visit.cookies?.length) await page.setCookie(...visit.cookies);
      for (const [key, value] of Object.entries(visit.sessionStorage ?? {})) {
        await page.evaluateOnNewDocument((k, v) => window.sessionStorage.setItem(k, v), key, value);
      }
      const result = await lighthouse.navigation(page, visit.url, {
        flags: { disableStorageReset: true, onlyCategories: ["performance", "accessibility", "best-practices"], logLevel: "error" },
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${visit.url}`);
      return result.lhr;
    } finally {
      await context.close();
    }
  }

  async function close() {
    await browser.disconnect();
    await chrome.kill();
  }
  return { run, close };
}

/**
 * What a returning Pioneer's browser brings to `origin`: a Pioneer with a paid order and an open
 * one (so the signed-in pages show what they own), the session cookie their sign-in set, and the
 * emulated Pi Browser knowing them (Pi.authenticate is then silent, not a consent sheet).
 */
export async function returningPioneer(origin: string): Promise<Omit<Visit, "url">> {
  const target: Target = { origins: [origin], emulator: emulatorUrl };
  const pioneer = await newPioneer(target, "lighthouse", origin);
  const { sessionToken } = await signIn(target, pioneer.accessToken);
  await buy(target, { accessToken: pioneer.accessToken, sessionToken });
  await buy(target, { accessToken: pioneer.accessToken, sessionToken }, "sticker-pack");
  return {
    cookies: [{ name: "__Host-pi_session", value: sessionToken, url: origin, path: "/", secure: true, httpOnly: true, sameSite: "None" }],
    sessionStorage: { "pi-emulator:uid": pioneer.uid },
  };
}
