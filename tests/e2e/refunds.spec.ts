import { e2eAdminUid } from "./env";
import { AppScreen, expect, test } from "./fixtures";

test("an admin refunds an order from /debug; the Pioneer allows payouts to their wallet and sees it refunded", async ({ page, app, emulator, browser }) => {
  await emulator.control("POST", "/control/users", { username: "admin", uid: e2eAdminUid });
  // Alice buys a coffee (signed in without wallet_address: the template never asks for it at sign-in).
  await page.goto("/");
  await app.signIn("alice");
  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText(/^Paid/);
  // The database outlives each test: find this purchase among every paid order /debug lists.
  const { orders } = (await (await page.request.get("/api/orders")).json()) as { orders: { id: string; productId: string; status: string }[] };
  const bought = orders.find((order) => order.productId === "coffee" && order.status === "paid");
  expect(bought).toBeDefined();

  // On another phone, the admin refunds it and runs the payouts.
  const adminPage = await browser.newPage({ baseURL: test.info().project.use.baseURL });
  await adminPage.goto("/");
  await new AppScreen(adminPage).signIn("admin");
  await adminPage.goto("/debug");
  await adminPage.getByTestId(`paid-order-${bought?.id ?? ""}`).getByRole("button", { name: /^Refund .* π for A coffee/ }).click();
  await expect(adminPage.getByTestId("payouts").getByRole("status").filter({ hasText: "Refund queued" })).toBeVisible();
  const runPayouts = async () => {
    await adminPage.getByRole("button", { name: "Run the reconciler now" }).click();
    await expect(adminPage.getByTestId("reconciler-result")).toContainText("Done");
  };
  await runPayouts();

  // Pi wants Alice's consent to pay her wallet: her order says so and asks Pi for it.
  await app.openOrders();
  const refund = page.getByTestId("refund");
  await expect(refund).toHaveAttribute("data-status", "needs_consent");
  await refund.getByRole("button", { name: "Allow payouts to my wallet" }).click();
  await page.getByRole("button", { name: "Continue as alice" }).click();
  await expect(refund.getByRole("status")).toHaveText("Thank you. Your refund goes out with the next payout run.");

  await runPayouts();
  await adminPage.close();
  await page.reload();
  await expect(refund).toHaveAttribute("data-status", "refunded");
  await expect(refund).toContainText("Refunded 1 π");
  await expect(page.getByTestId("refund-txid")).toHaveText(/^[0-9a-f]{64}$/);
  await page.screenshot({ path: "test-results/screens/refunded.png", fullPage: true });
});
