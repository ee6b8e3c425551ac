import { expect, test } from "./fixtures";
import { emulatorOrigin } from "./env";
import { en } from "../../lib/i18n/messages/en";

test("the home page shows the emulator badge and Pi.authenticate gives a test Pioneer", async ({ page, app, emulator }) => {
  void emulator;
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Corner Shop" })).toBeVisible();
  await expect(page.getByTestId("emulator-badge")).toBeVisible();
  await expect(app.button("Sign in with Pi")).toBeEnabled();
  await page.screenshot({ path: "test-results/screens/home.png" });

  // The app's sign-in calls Pi.authenticate on the emulator's SDK, which offers test Pioneers.
  await app.signIn("bob");
});

test("health, validation key and framing policy", async ({ request }) => {
  expect((await request.get("/api/health")).status()).toBe(200);
  // PI_VALIDATION_KEY is not set for the end-to-end server, so there is nothing to serve.
  expect((await request.get("/validation-key.txt")).status()).toBe(404);
  const csp = (await request.get("/")).headers()["content-security-policy"] ?? "";
  expect(csp.split("; ").filter((directive) => directive.startsWith("frame-ancestors "))).toEqual([
    `frame-ancestors https://app-cdn.minepi.com https://sandbox.minepi.com ${emulatorOrigin}`,
  ]);
  expect(csp).not.toContain("*");
});

test("the privacy page lists everything the app keeps about a Pioneer", async ({ page }) => {
  await page.goto("/privacy");
  const kept = page.getByRole("list").filter({ has: page.getByText(en.privacy.keepsIdentity) });
  for (const text of [en.privacy.keepsIdentity, en.privacy.keepsOrders, en.privacy.keepsSession, en.privacy.keepsRewards, en.privacy.keepsPayouts]) {
    await expect(kept.getByText(text)).toBeVisible();
  }
});
