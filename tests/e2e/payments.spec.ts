import { expect, recordRequests, test } from "./fixtures";

test.beforeEach(async ({ page, app, emulator }) => {
  void emulator;
  await page.goto("/");
  await app.signIn("alice");
});

test("buy a product through the wallet sheet and see it paid", async ({ page, app }) => {
  await app.button("Buy Pro for a month for 3.1415926 Pi").click();
  const wallet = app.wallet();
  await expect(wallet).toContainText("3.1415926");
  await expect(wallet).toContainText("Pro for a month");
  await page.screenshot({ path: "test-results/screens/wallet.png" });
  await expect(wallet.getByRole("button", { name: "Confirm" })).toBeEnabled();
  await wallet.getByRole("button", { name: "Confirm" }).click();

  await expect(app.purchaseStatus("pro-month")).toHaveText("Paid. Thank you!");
  await expect(wallet).toBeHidden({ timeout: 15_000 });
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid");
  await expect(app.orders().first()).toContainText("Paid");
  await page.screenshot({ path: "test-results/screens/paid.png" });
});

test("cancel in the wallet and see the order cancelled", async ({ app }) => {
  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Cancel" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText("Payment cancelled. Nothing was charged.");
  await expect(app.orders().first()).toHaveAttribute("data-status", "cancelled");
});

const settling = "Your payment went through. We're finishing your order; it will show as paid shortly.";
const unavailable = { status: 503, json: { error: { code: "unavailable", message: "Blocked by the test." } } };

test("a purchase whose completion never reached our server is completed from Pi's incomplete payment at the next open", async ({ page, app, emulator }) => {
  // Only Pi's onIncompletePaymentFound can finish it: the reconcile route is out for the whole test.
  await page.route("**/api/payments/reconcile", (route) => route.fulfill(unavailable));
  await page.route("**/api/payments/complete", (route) => route.abort());
  await app.button(/Buy Sticker pack/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("sticker-pack")).toHaveText(settling, { timeout: 30_000 });
  await expect(app.orders().first()).toHaveAttribute("data-status", "approved");

  // The purchase has ended, so the page sends no more completions; Pi has the transaction.
  await page.unroute("**/api/payments/complete");
  const incomplete = recordRequests(page, "POST", "/api/payments/incomplete");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  const { payments } = (await emulator.control("GET", "/control/payments")) as { payments: { identifier: string }[] };
  expect(incomplete.map((request) => request.postDataJSON() as unknown)).toEqual([{ paymentId: payments[0]?.identifier }]);
});

test("a purchase Pi refused to complete is settled by the reconcile when the Pioneer opens the app again", async ({ page, app, emulator }) => {
  // Pi refuses every completion for now: the wallet's callbacks cannot finish the purchase.
  await emulator.control("POST", "/control/faults", { method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 503, times: 1000 });
  await app.button(/Buy Sticker pack/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("sticker-pack")).toHaveText(settling, { timeout: 30_000 });
  await expect(app.orders().first()).toHaveAttribute("data-status", "approved");
  await expect(app.button("Buy Sticker pack for 0.5 Pi")).toBeEnabled();

  // Only the reconcile can settle it now: the incomplete-payment route is out.
  await emulator.control("DELETE", "/control/faults");
  await page.route("**/api/payments/incomplete", (route) => route.fulfill(unavailable));
  const reconciles = recordRequests(page, "POST", "/api/payments/reconcile");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(reconciles.length).toBeGreaterThan(0);
});
