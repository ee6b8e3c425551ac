import { expect, test } from "./fixtures";

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

test("a purchase whose completion was lost is completed when the Pioneer opens the app again", async ({ page, app, emulator }) => {
  // Pi refuses every completion for now: the wallet's callbacks cannot finish the purchase.
  await emulator.control("POST", "/control/faults", { method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 503, times: 1000 });
  await app.button(/Buy Sticker pack/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("sticker-pack")).toContainText("Payment failed", { timeout: 30_000 });
  await expect(app.orders().first()).toHaveAttribute("data-status", "approved");

  await emulator.control("DELETE", "/control/faults");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
});
