import { e2eAdminUid, e2eEnv, emulatorOrigin } from "./env";
import { AppScreen, expect, test } from "./fixtures";

test.beforeEach(({ emulator }) => void emulator);

test("diagnostics: a stuck payment shows with its Pi payment id for an admin; anyone else gets 404", async ({ page, app, emulator, request, browser }) => {
  // A payment an older version of the app approved, which the Pioneer signed but nobody completed.
  const { accessToken } = (await emulator.control("POST", "/control/users", { username: "admin", uid: e2eAdminUid })) as { accessToken: string };
  const stuck = (await emulator.control("POST", "/control/payments", { accessToken, amount: 2, memo: "Old app version", metadata: { orderId: "from-an-old-version" } })) as { identifier: string };
  const approved = await request.post(`${emulatorOrigin}/v2/payments/${stuck.identifier}/approve`, { headers: { Authorization: `Key ${e2eEnv.PI_API_KEY}` } });
  expect(approved.ok()).toBe(true);
  await emulator.control("POST", `/control/payments/${stuck.identifier}/transaction`);

  // Signing in, Pi reports it; the app completes it (the money moved) and leaves it for review.
  await page.goto("/");
  await app.signIn("admin");
  await expect.poll(async () => ((await emulator.control("GET", `/control/payments/${stuck.identifier}`)) as { status: { developer_completed: boolean } }).status.developer_completed).toBe(true);

  await page.goto("/debug");
  await expect(page.getByRole("heading", { level: 1, name: "Diagnostics" })).toBeVisible();
  for (const check of ["server-key", "configuration", "key-network"]) await expect(page.getByTestId(`check-${check}`)).toHaveAttribute("data-status", "ok");
  // The end-to-end server runs production on PGlite (PGLITE_IN_PRODUCTION): allowed, and flagged.
  await expect(page.getByTestId("check-database")).toHaveAttribute("data-status", "warn");
  await expect(page.getByTestId("check-database")).toContainText("Embedded PGlite in production");
  await expect(page.getByTestId("check-sdk")).toContainText("OK");
  await expect(page.getByTestId("payment-reviews")).toContainText(stuck.identifier);
  await page.getByRole("button", { name: "Run the reconciler now" }).click();
  await expect(page.getByTestId("reconciler-result")).toContainText("Done");
  await page.screenshot({ path: "test-results/screens/debug.png", fullPage: true });

  // Another phone, another Pioneer.
  const other = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await other.goto("/");
  await new AppScreen(other).signIn("alice");
  expect((await other.goto("/debug"))?.status()).toBe(404);
  await other.close();
});
