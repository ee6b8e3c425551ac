import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { ar } from "../../lib/i18n/messages/ar";
import { en } from "../../lib/i18n/messages/en";
import { vi } from "../../lib/i18n/messages/vi";
import { emulatorOrigin } from "./env";
import { expect, test } from "./fixtures";

// Pi Sign-in, host detection, languages and sharing. An "ordinary browser" is the emulator playing
// no Pi host at all: its SDK has no getPiHostAppInfo and its Pi.init never answers, as Pi's own
// SDK behaves outside Pi Browser.

type Control = (method: string, path: string, body?: unknown) => Promise<unknown>;
const ordinaryBrowser = (control: Control) => control("POST", "/control/host", { hostApp: "none", init: "never" });

const signInButton = (page: Page) => page.getByRole("button", { name: "Sign in with Pi" });
const authorizePage = new RegExp(`^${emulatorOrigin.replace(/[.]/g, "\\.")}/oauth/authorize\\?`);

/** From the shop, through the emulator's authorize page, to a test Pioneer's choice. */
async function piSignIn(page: Page, choice: string) {
  await signInButton(page).click();
  await page.waitForURL(authorizePage);
  await page.getByRole("button", { name: choice }).click();
}

/** The URL (with its fragment) the authorize page sends the browser back to. */
function callbackUrls(page: Page): string[] {
  const seen: string[] = [];
  page.on("response", (response) => {
    const location = response.headers().location;
    if (location?.includes("/signin/callback#")) seen.push(location);
  });
  return seen;
}

test.describe("Pi Sign-in in an ordinary browser", () => {
  test.beforeEach(async ({ emulator }) => ordinaryBrowser(emulator.control));

  test("signs in through Pi's authorize page, shows orders, and sends paying to Pi Browser", async ({ page, app }) => {
    await page.goto("/orders");
    await piSignIn(page, "Continue as alice");
    await expect(app.username).toHaveText("alice", { timeout: 15_000 });
    // Back where the Pioneer started, with the token gone from the address bar.
    await expect(page).toHaveURL(/\/orders$/);
    expect(await page.evaluate(() => window.location.hash)).toBe("");
    await expect(page.getByRole("heading", { name: "What you own" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Order history" })).toBeVisible();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Shop" }).click();
    await expect(page.getByTestId("pay-in-pi-browser")).toContainText("Paying happens in Pi Browser");
    for (const buy of await page.getByRole("button", { name: /^Buy / }).all()) await expect(buy).toBeDisabled();
    // The session holds across a reload, without Pi.authenticate (which never answers here).
    await page.reload();
    await expect(app.username).toHaveText("alice");
  });

  const refusals = [
    { error: "access_denied", how: "Decline", text: en.signin.failed.access_denied },
    { error: "expired", how: "Continue as alice", text: en.signin.failed.expired },
    { error: "cancelled", how: "Continue as alice", text: en.signin.failed.cancelled },
    { error: "server_error", how: "Continue as alice", text: en.signin.failed.server_error },
  ];
  for (const { error, how, text } of refusals) {
    test(`explains ${error} and offers to try again`, async ({ page, app, emulator }) => {
      if (error !== "access_denied") await emulator.control("POST", "/control/oauth/force-error", { error });
      await page.goto("/");
      await piSignIn(page, how);
      await expect(page.getByTestId("signin-error")).toHaveText(text);
      await expect(app.username).toBeHidden();
      // Trying again works.
      await page.getByRole("button", { name: "Try again" }).click();
      await page.waitForURL(authorizePage);
      await page.getByRole("button", { name: "Continue as bob" }).click();
      await expect(app.username).toHaveText("bob", { timeout: 15_000 });
      await expect(page).toHaveURL(/\/$/);
    });
  }

  test("refuses a tampered state, and a callback opened a second time", async ({ page, app, context }) => {
    await page.goto("/");
    await signInButton(page).click();
    await page.waitForURL(authorizePage);
    const tampered = new URL(page.url());
    tampered.searchParams.set("state", `${tampered.searchParams.get("state") ?? ""}x`);
    await page.goto(tampered.toString());
    await page.getByRole("button", { name: "Continue as alice" }).click();
    await expect(page.getByTestId("signin-error")).toHaveText(en.signin.failed.state_mismatch);
    await expect(app.username).toBeHidden();

    const callbacks = callbackUrls(page);
    await page.getByRole("button", { name: "Try again" }).click();
    await page.waitForURL(authorizePage);
    await page.getByRole("button", { name: "Continue as alice" }).click();
    await expect(app.username).toHaveText("alice", { timeout: 15_000 });
    expect(callbacks).toHaveLength(1);

    const again = await context.newPage();
    await again.goto(callbacks[0] ?? "");
    await expect(again.getByTestId("signin-error")).toHaveText(en.signin.failed.reused);
  });

  test("keeps a refused callback's token out of the address bar, also after the page refreshes", async ({ page }) => {
    await page.goto("/signin/callback#access_token=a-token-that-must-not-stay&state=never-issued");
    await expect(page.getByTestId("signin-error")).toHaveText(en.signin.failed.state_mismatch);
    expect(page.url()).not.toContain("access_token");
    // Changing the language refreshes the page through Next's router, which then writes its own address back.
    await page.getByLabel("Language").selectOption("vi");
    await expect(page.locator("html")).toHaveAttribute("lang", "vi");
    await expect(page.getByTestId("signin-error")).toHaveText(vi.signin.failed.state_mismatch);
    expect(await page.evaluate(() => window.location.href)).not.toContain("access_token");
  });

  test("finishes in a second tab of the same browser", async ({ page, context }) => {
    await page.goto("/");
    await signInButton(page).click();
    await page.waitForURL(authorizePage);
    const second = await context.newPage();
    await second.goto(page.url());
    await second.getByRole("button", { name: "Continue as alice" }).click();
    await expect(second.getByTestId("username")).toHaveText("alice", { timeout: 15_000 });
    await expect(second.getByTestId("signin-error")).toHaveCount(0);
  });

  test("shares the link through the system's share sheet, or copies it", async ({ page, context }) => {
    await page.addInitScript(() => {
      const shared: unknown[] = [];
      Object.assign(window, { sharedByTest: shared });
      Object.defineProperty(navigator, "share", { value: (data: unknown) => (shared.push(data), Promise.resolve()), configurable: true });
    });
    await page.goto("/");
    await page.getByRole("button", { name: "Share this app" }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { sharedByTest: unknown[] }).sharedByTest)).toEqual([
      { title: "Corner Shop", text: expect.stringContaining("Corner Shop") as unknown, url: `${new URL(page.url()).origin}/` },
    ]);

    const plain = await context.newPage();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await plain.addInitScript(() => Object.defineProperty(navigator, "share", { value: undefined, configurable: true }));
    await plain.goto("/");
    await plain.getByRole("button", { name: "Share this app" }).click();
    await expect(plain.getByTestId("share-status")).toHaveText("Link copied.");
    expect(await plain.evaluate(() => navigator.clipboard.readText())).toBe(`${new URL(plain.url()).origin}/`);
  });
});

test.describe("Knowing the host", () => {
  test("signs in with Pi.authenticate and pays when getPiHostAppInfo never answers but Pi does", async ({ page, app, emulator }) => {
    await emulator.control("POST", "/control/host", { hostApp: "pi-browser", answers: "never" });
    await page.goto("/");
    await app.signIn("alice");
    await expect(app.button(/^Buy Sticker pack/)).toBeEnabled();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByTestId("pay-in-pi-browser")).toHaveCount(0);
  });

  for (const when of [
    { title: "", hostInfo: "immediately" },
    // getPiHostAppInfo silent: the host is found out only after its 2 s wait, and the click comes before.
    { title: ", even when the Pioneer taps before the page knows where it runs", hostInfo: "never" },
  ] as const) test(`shares through Pi Browser's share sheet inside Pi Browser${when.title}`, async ({ page, emulator }) => {
    await emulator.control("POST", "/control/host", { hostApp: "pi-browser", answers: when.hostInfo });
    await page.goto("/");
    await page.getByRole("button", { name: "Share this app" }).click();
    const sheet = page.getByRole("dialog", { name: "Share" });
    await expect(sheet).toContainText("Corner Shop");
    await sheet.getByRole("button", { name: "Done" }).click();
    const { shares } = (await emulator.control("GET", "/control/shares")) as { shares: { title: string; message: string }[] };
    expect(shares).toEqual([expect.objectContaining({ title: "Corner Shop", message: expect.stringContaining("/") })]);
  });
});

test.describe("Languages", () => {
  test.beforeEach(({ emulator }) => void emulator);

  test("follows Accept-Language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "ko-KR", extraHTTPHeaders: { "Accept-Language": "ko-KR,ko;q=0.9" } });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "ko");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    await context.close();
  });

  test("writes prices as the Pioneer's language does, and again after switching", async ({ browser }) => {
    const context = await browser.newContext({ locale: "vi-VN", extraHTTPHeaders: { "Accept-Language": "vi-VN,vi;q=0.9" } });
    const page = await context.newPage();
    await page.goto("/");
    const price = page.getByTestId("product-sticker-pack").locator(".price");
    await expect(price).toHaveText("2,5 π");
    await page.getByLabel(vi.nav.language).selectOption("en");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(price).toHaveText("2.5 π");
    await context.close();
  });

  test("switches to Arabic right to left, remembers it, fits 320 px and passes axe", async ({ page, app }) => {
    await page.goto("/");
    await page.getByLabel("Language").selectOption("ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { name: ar.home.products })).toBeVisible();
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

    await app.button(ar.session.signIn).click();
    await app.consentAs("alice");
    await page.setViewportSize({ width: 320, height: 700 });
    for (const path of ["/", "/orders"]) {
      await page.goto(path);
      await expect(app.username).toHaveText("alice");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => v.id), `axe on ${path}`).toEqual([]);
      await page.screenshot({ path: `test-results/screens/ar-${path === "/" ? "home" : "orders"}.png`, fullPage: true });
    }
  });
});
