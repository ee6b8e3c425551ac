import { AppScreen, expect, recordRequests, test } from "./fixtures";
import { e2ePorts, emulatorOrigin } from "./env";

test.beforeEach(({ emulator }) => void emulator);

test("sign in, stay signed in across a reload, sign out", async ({ page, app }) => {
  await page.goto("/");
  // The alert region is in the accessibility tree before it has anything to say.
  await expect(page.getByTestId("session-error")).toHaveRole("alert");
  await app.signIn("alice");
  await expect(page.getByRole("heading", { name: "What you own" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/signed-in.png" });

  // The cookie restores the session: no sign-in again, silent or not.
  const signIns = recordRequests(page, "POST", "/api/auth/signin");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  await expect(page.getByText("Nothing yet. What you buy shows up here.")).toBeVisible();
  await expect(app.button(/Continue as/)).toHaveCount(0);
  expect(signIns).toHaveLength(0);

  await app.button("Sign out").click();
  await expect(app.button("Sign in with Pi")).toBeVisible();
  await page.reload();
  await expect(app.button("Sign in with Pi")).toBeVisible();
  await expect(app.username).toHaveCount(0);
  expect(signIns).toHaveLength(0);
});

test("declining in Pi shows a clear message", async ({ page, app }) => {
  await page.goto("/");
  await app.button("Sign in with Pi").click();
  await app.button("Decline").click();
  await expect(page.getByText("Sign-in was cancelled in Pi")).toBeVisible();
  await expect(app.button("Sign in with Pi")).toBeEnabled();
});

test("inside a frame served from another origin, as in the Pi Sandbox", async ({ page }) => {
  await page.goto(`${emulatorOrigin}/sandbox?app=${encodeURIComponent(`http://localhost:${e2ePorts.app}/`)}`);
  const app = new AppScreen(page.frameLocator('iframe[title="App"]'));
  // Framed, the app asks Pi by itself, as in Pi Browser: the consent sheet opens without a tap.
  await app.consentAs("alice");
  await page.screenshot({ path: "test-results/screens/sandbox-frame.png" });

  // The partitioned cookie restores the session: no sign-in again, silent or not.
  const signIns = recordRequests(page, "POST", "/api/auth/signin");
  await page.reload();
  await expect(app.username).toHaveText("alice", { timeout: 30_000 });
  await expect(app.root.getByText("Nothing yet. What you buy shows up here.")).toBeVisible();
  expect(signIns).toHaveLength(0);
});

test("with cookies blocked, the bearer token keeps the Pioneer signed in", async ({ page, context, app, playwright }) => {
  // Strip cookies both ways, as a browser that drops framed cookies (iOS Pi Browser) does. Each
  // request goes through a new client, so neither the browser's cookie jar nor the client's own
  // ever holds the session cookie.
  await context.route("**/api/**", async (route) => {
    const request = route.request();
    const headers = { ...request.headers() };
    delete headers.cookie;
    const network = await playwright.request.newContext();
    try {
      const response = await network.fetch(request.url(), { method: request.method(), headers, data: request.postDataBuffer() ?? undefined });
      const responseHeaders = { ...response.headers() };
      delete responseHeaders["set-cookie"];
      await route.fulfill({ status: response.status(), headers: responseHeaders, body: await response.body() });
    } finally {
      await network.dispose();
    }
  });
  await page.goto("/");
  await app.signIn("bob");
  await expect(page.getByText("Nothing yet. What you buy shows up here.")).toBeVisible();
  expect(await context.cookies()).toEqual([]);

  // The in-memory token is gone after a reload; the app signs in again silently, once.
  const signIns = recordRequests(page, "POST", "/api/auth/signin");
  await page.reload();
  await expect(app.username).toHaveText("bob", { timeout: 30_000 });
  await expect(page.getByText("Nothing yet. What you buy shows up here.")).toBeVisible();
  expect(signIns).toHaveLength(1);
  expect(await context.cookies()).toEqual([]);
});

test("in the sandbox frame with storage denied: consent is asked once, and a sign-out sticks", async ({ page, context, emulator }) => {
  // As Chromium (third-party cookies blocked) and iOS do for a cross-site frame: storage throws.
  await context.addInitScript(() => {
    if (window.top === window) return;
    const deny = () => {
      throw new DOMException("Access is denied for this document.", "SecurityError");
    };
    Object.defineProperty(window, "localStorage", { get: deny });
    Object.defineProperty(window, "sessionStorage", { get: deny });
  });
  const sandbox = `${emulatorOrigin}/sandbox?app=${encodeURIComponent(`http://localhost:${e2ePorts.app}/`)}`;
  await page.goto(sandbox);
  const app = new AppScreen(page.frameLocator('iframe[title="App"]'));
  await app.consentAs("alice");

  // The emulator's server remembers the consent and the sandbox page its Pioneer: no sheet again.
  await page.reload();
  await expect(app.username).toHaveText("alice", { timeout: 30_000 });
  await expect(app.button(/Continue as/)).toHaveCount(0);

  await app.button("Sign out").click();
  await expect(app.button("Sign in with Pi")).toBeVisible();
  const signIns = recordRequests(page, "POST", "/api/auth/signin");
  await page.reload();
  await expect(app.button("Sign in with Pi")).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(1500);
  await expect(app.username).toHaveCount(0);
  expect(signIns).toHaveLength(0);

  // Signing in again is one tap, with no consent sheet: Pi remembers the consent.
  await app.button("Sign in with Pi").click();
  await expect(app.username).toHaveText("alice", { timeout: 30_000 });
  const { consents } = (await emulator.control("GET", "/control/consents")) as { consents: { username: string }[] };
  expect(consents.map((c) => c.username)).toEqual(["alice"]);
});
