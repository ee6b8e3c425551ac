import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

test.beforeEach(({ emulator }) => void emulator);

async function expectNoAxeViolations(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `accessibility violations ${state}`).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test(`every state passes axe in the ${scheme} theme`, async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const shot = (name: string) => page.screenshot({ path: `test-results/screens/${scheme}-${name}.png`, fullPage: true });
    await page.goto("/");
    await expect(app.button("Sign in with Pi")).toBeEnabled();
    await expectNoAxeViolations(page, "signed out");
    await shot("signed-out");

    await app.signIn("alice");
    await expectNoAxeViolations(page, "signed in");
    await shot("signed-in");

    await app.button(/Buy Sticker pack/).click();
    await expect(app.wallet().getByRole("button", { name: "Confirm" })).toBeEnabled();
    await expectNoAxeViolations(page, "with the wallet sheet open");
    await shot("wallet");
    await app.wallet().getByRole("button", { name: "Confirm" }).click();
    await expect(app.purchaseStatus("sticker-pack")).toHaveText(/Paid/);
    await expect(app.wallet()).toBeHidden({ timeout: 15_000 });

    await app.button(/Buy A coffee/).click();
    await app.wallet().getByRole("button", { name: "Cancel" }).click();
    await expect(app.purchaseStatus("coffee")).toHaveText(/cancelled/);
    await expectNoAxeViolations(page, "after a purchase and a cancellation");
    await shot("outcomes");

    await app.openOrders();
    await page.getByText("1 order closed without payment").click();
    await expectNoAxeViolations(page, "on /orders");
    await shot("orders");
  });
}

test("a purchase by keyboard alone, with focus landing somewhere sensible after each step", async ({ page }) => {
  await page.goto("/");
  const focused = () => page.evaluate(() => {
    const el = document.activeElement;
    return el ? (el.getAttribute("aria-label") ?? el.textContent ?? "").trim() : "";
  });
  const tabTo = async (name: RegExp) => {
    for (let i = 0; i < 15 && !name.test(await focused()); i++) await page.keyboard.press("Tab");
    expect(await focused()).toMatch(name);
  };

  await tabTo(/^Sign in with Pi$/);
  await page.keyboard.press("Enter");
  // The consent sheet takes focus; Enter picks the first Pioneer.
  await expect.poll(focused).toBe("Continue as alice");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("username")).toHaveText("alice");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("page-title");

  // Escape cancels in the wallet; focus comes back to the product, now "Buy again".
  await tabTo(/^Buy A coffee/);
  await page.keyboard.press("Enter");
  await expect.poll(focused).toBe("Cancel");
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("purchase-status-coffee")).toHaveText("Payment cancelled. Nothing was charged.");
  await expect.poll(focused).toBe("Buy again A coffee for the team for 1 Pi");

  // Approval arriving announces Confirm but leaves focus on Cancel: Enter there would not pay.
  await page.keyboard.press("Enter");
  const wallet = page.getByRole("dialog", { name: "Pi Wallet" });
  await expect(wallet.getByRole("button", { name: "Confirm" })).toBeEnabled();
  await expect(wallet.getByRole("status")).toContainText(/Confirm/);
  expect(await focused()).toBe("Cancel");
  // Focus stays inside the sheet: Tab from its last button wraps to Confirm.
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("Confirm");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("purchase-status-coffee")).toHaveText(/^Paid/);
  await expect(wallet).toBeHidden({ timeout: 15_000 });
  await expect.poll(focused).toBe("Buy again A coffee for the team for 1 Pi");

  await tabTo(/^Sign out$/);
  await page.keyboard.press("Enter");
  await expect.poll(focused).toBe("Sign in with Pi");
  await expect(page.getByRole("status").filter({ hasText: "Signed out." })).toHaveCount(1);
});

async function expectNoHorizontalOverflow(page: Page, where: string) {
  const overflow = await page.evaluate(() => {
    const root = document.documentElement;
    const clipped = [...document.querySelectorAll<HTMLElement>("h1, h2, h3, button, a, .price, .pill")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > root.clientWidth + 1)
      .map((el) => el.textContent?.trim());
    return { page: root.scrollWidth - root.clientWidth, clipped };
  });
  expect(overflow, where).toEqual({ page: 0, clipped: [] });
}

test("usable at 320 px and at 200 % text: nothing clipped, no horizontal scroll", async ({ page, app }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto("/");
  await expectNoHorizontalOverflow(page, "320 px, signed out");
  await app.signIn("bob");
  await expectNoHorizontalOverflow(page, "320 px, signed in");
  const signOut = await app.button("Sign out").boundingBox();
  const lineHeight = await app.button("Sign out").evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect(signOut?.height ?? 0, "Sign out on one line").toBeLessThan(lineHeight * 2 + 24);

  await page.addStyleTag({ content: "html { font-size: 200% }" });
  await expectNoHorizontalOverflow(page, "320 px, 200 % text, signed in");
  await page.screenshot({ path: "test-results/screens/narrow-200.png", fullPage: true });
  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText(/^Paid/);
  await app.openOrders();
  await page.addStyleTag({ content: "html { font-size: 200% }" });
  await expect(app.orders()).toHaveCount(1);
  await expectNoHorizontalOverflow(page, "320 px, 200 % text, /orders");
});
