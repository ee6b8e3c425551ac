import { test as base, expect, type Locator, type Page, type Request } from "@playwright/test";
import { emulatorOrigin } from "./env";

/** The app as a Pioneer sees it, inside a page or inside the Pi Sandbox's frame. */
export class AppScreen {
  constructor(readonly root: Page | ReturnType<Page["frameLocator"]>) {}

  button(name: string | RegExp): Locator {
    return this.root.getByRole("button", { name });
  }

  get username(): Locator {
    return this.root.getByTestId("username");
  }

  /** The header's "Sign in with Pi", then a test Pioneer in the emulator's consent sheet. */
  async signIn(username: string) {
    await this.button("Sign in with Pi").click();
    await this.consentAs(username);
  }

  /** Picks a test Pioneer in the emulator's consent sheet, however it was opened. */
  async consentAs(username: string) {
    await this.button(`Continue as ${username}`).click();
    await expect(this.username).toHaveText(username, { timeout: 30_000 });
  }

  wallet(): Locator {
    return this.root.getByRole("dialog", { name: "Pi Wallet" });
  }

  purchaseStatus(productId: string): Locator {
    return this.root.getByTestId(`purchase-status-${productId}`);
  }

  /** The order rows of /orders (cancelled ones only once their fold is open). */
  orders(): Locator {
    return this.root.getByTestId("order");
  }

  /** Goes to /orders through the navigation, as a Pioneer would. */
  async openOrders() {
    await this.root.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Your orders" }).click();
    await expect(this.root.getByRole("heading", { level: 1, name: "Your orders" })).toBeVisible();
  }

  owned(productId: string): Locator {
    return this.root.getByTestId(`owned-${productId}`);
  }
}

/** Records, from now on, the page's (and its frames') requests to one of our API routes. */
export function recordRequests(page: Page, method: string, pathname: string): Request[] {
  const seen: Request[] = [];
  page.on("request", (request) => {
    if (request.method() === method && new URL(request.url()).pathname === pathname) seen.push(request);
  });
  return seen;
}

type Fixtures = {
  app: AppScreen;
  emulator: { control: (method: string, path: string, body?: unknown) => Promise<unknown> };
};

export const test = base.extend<Fixtures>({
  emulator: async ({ request }, use) => {
    const control = async (method: string, path: string, body?: unknown) => {
      const response = await request.fetch(`${emulatorOrigin}${path}`, { method, data: body });
      expect(response.ok(), `${method} ${path}`).toBe(true);
      return response.json() as Promise<unknown>;
    };
    await control("POST", "/control/reset");
    await use({ control });
  },
  app: async ({ page }, use) => {
    await use(new AppScreen(page));
  },
});

export { expect };
