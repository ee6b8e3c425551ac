import { AppScreen, expect, recordRequests, test } from "./fixtures";

test.beforeEach(async ({ page, app, emulator }) => {
  void emulator;
  await page.goto("/");
  await app.signIn("alice");
});

test("buy a product through the wallet sheet, see it paid and what it delivered", async ({ page, app }) => {
  await app.button("Buy Pro for a month for 5 Pi").click();
  const wallet = app.wallet();
  await expect(wallet).toContainText("5 π");
  await expect(wallet).toContainText("Pro for a month");
  await page.screenshot({ path: "test-results/screens/wallet.png" });
  await expect(wallet.getByRole("button", { name: "Confirm" })).toBeEnabled();
  await wallet.getByRole("button", { name: "Confirm" }).click();

  await expect(app.purchaseStatus("pro-month")).toHaveText("Paid. Thank you! It's in What you own.");
  await expect(wallet).toBeHidden({ timeout: 15_000 });
  await expect(app.button("Buy again Pro for a month for 5 Pi")).toBeEnabled();
  await expect(app.owned("pro-month")).toContainText(/Active until/);
  await page.screenshot({ path: "test-results/screens/paid.png", fullPage: true });

  await app.openOrders();
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid");
  await expect(app.orders().first()).toContainText("Paid");
  await expect(app.owned("pro-month")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/orders.png", fullPage: true });
});

test("cancel in the wallet: a calm message, and the cancelled order folds away", async ({ page, app }) => {
  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Cancel" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText("Payment cancelled. Nothing was charged.");
  await expect(app.purchaseStatus("coffee")).not.toHaveClass(/notice-bad/);
  await app.openOrders();
  const fold = page.getByText("1 order closed without payment");
  await expect(fold).toBeVisible();
  await expect(app.orders()).toHaveCount(1);
  await expect(app.orders().first()).toBeHidden();
  await fold.click();
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
  await app.openOrders();
  await expect(app.orders().first()).toHaveAttribute("data-status", "approved");

  // The purchase has ended, so the page sends no more completions; Pi has the transaction.
  await page.unroute("**/api/payments/complete");
  const incomplete = recordRequests(page, "POST", "/api/payments/incomplete");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  await expect(app.owned("sticker-pack")).toContainText("1 owned");
  const { payments } = (await emulator.control("GET", "/control/payments")) as { payments: { identifier: string }[] };
  expect(incomplete.map((request) => request.postDataJSON() as unknown)).toEqual([{ paymentId: payments[0]?.identifier }]);
});

test("an approved payment the Pioneer never signed, which Pi reports at the next open, is cancelled so they can buy again", async ({ page, app, emulator }) => {
  // As Pioneers have seen Pi do: report it as unfinished and refuse new payments while it is open.
  await emulator.control("POST", "/control/incomplete", { approvedWithoutTransaction: true });
  await app.button(/Buy A coffee/).click();
  await expect(app.wallet().getByRole("button", { name: "Confirm" })).toBeEnabled();
  const incomplete = recordRequests(page, "POST", "/api/payments/incomplete");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  const piPayments = async () => ((await emulator.control("GET", "/control/payments")) as { payments: { identifier: string; status: { cancelled: boolean } }[] }).payments;
  const [unsigned] = await piPayments();
  await expect.poll(() => incomplete.map((request) => request.postDataJSON() as unknown)).toEqual([{ paymentId: unsigned?.identifier }]);
  await expect.poll(async () => (await piPayments())[0]?.status.cancelled).toBe(true);

  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText("Paid. Thank you! It's in What you own.");
});

test("a purchase Pi refused to complete is settled by the reconcile when the Pioneer opens the app again", async ({ page, app, emulator }) => {
  // Pi refuses every completion for now: the wallet's callbacks cannot finish the purchase.
  await emulator.control("POST", "/control/faults", { method: "POST", path: "/v2/payments/*/complete", mode: "error", status: 503, times: 1000 });
  await app.button(/Buy Sticker pack/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("sticker-pack")).toHaveText(settling, { timeout: 30_000 });
  await expect(app.button("Buy again Sticker pack for 2.5 Pi")).toBeEnabled();
  await app.openOrders();
  await expect(app.orders().first()).toHaveAttribute("data-status", "approved");

  // Only the reconcile can settle it now: the incomplete-payment route is out.
  await emulator.control("DELETE", "/control/faults");
  await page.route("**/api/payments/incomplete", (route) => route.fulfill(unavailable));
  const reconciles = recordRequests(page, "POST", "/api/payments/reconcile");
  await page.reload();
  await expect(app.username).toHaveText("alice");
  await expect(app.orders().first()).toHaveAttribute("data-status", "paid", { timeout: 30_000 });
  expect(reconciles.length).toBeGreaterThan(0);
});

test("/orders arrives with the orders in its HTML, and shows the phone's own time once its scripts run", async ({ page, app, browser }) => {
  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText(/^Paid/);
  const signedIn = await page.context().storageState();

  // Without JavaScript, what the server wrote is all there is.
  const html = await browser.newContext({ storageState: signedIn, javaScriptEnabled: false });
  const noScripts = await html.newPage();
  const bare = new AppScreen(noScripts);
  await noScripts.goto("/orders");
  await expect(bare.username).toHaveText("alice");
  await expect(bare.owned("coffee")).toBeVisible();
  await expect(bare.orders().first()).toHaveAttribute("data-status", "paid");
  await html.close();

  // A phone seven hours east of the server: the page is hydrated as served (no error), then in local time.
  const phone = await browser.newContext({ storageState: signedIn, timezoneId: "Asia/Ho_Chi_Minh" });
  const east = await phone.newPage();
  const errors: string[] = [];
  east.on("pageerror", (error) => errors.push(error.message));
  east.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  await east.goto("/orders");
  const time = east.getByTestId("order").first().locator("time");
  const createdAt = await time.getAttribute("datetime");
  const local = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Ho_Chi_Minh" }).format(new Date(createdAt ?? ""));
  await expect(time).toHaveText(local);
  expect(errors).toEqual([]);
  await phone.close();
});
