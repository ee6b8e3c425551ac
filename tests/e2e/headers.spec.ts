import type { Page } from "@playwright/test";
import { AppScreen, expect, test } from "./fixtures";
import { e2ePorts, emulatorOrigin } from "./env";

const nonceOf = (policy: string) => policy.match(/script-src [^;]*'nonce-([A-Za-z0-9+/=]+)'/)?.[1];

test("pages carry a policy with a fresh nonce, which every script of the page carries", async ({ request }) => {
  const first = await request.get("/");
  const second = await request.get("/");
  const nonces = [first, second].map((response) => nonceOf(response.headers()["content-security-policy"] ?? ""));
  expect(nonces[0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonces[1]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect(nonces[0]).not.toBe(nonces[1]);

  const scripts = [...(await first.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length).toBeGreaterThan(3);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonces[0]}"`);

  const policy = first.headers()["content-security-policy"] ?? "";
  for (const directive of ["object-src 'none'", "base-uri 'self'", "form-action 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'"]) expect(policy).toContain(directive);
  expect(policy).toContain(`connect-src 'self' ${emulatorOrigin}`);
  // Exactly these framers: one more origin appended would let that site overlay the app.
  expect(policy.split("; ").filter((directive) => directive.startsWith("frame-ancestors "))).toEqual([
    `frame-ancestors https://app-cdn.minepi.com https://sandbox.minepi.com ${emulatorOrigin}`,
  ]);
});

test("pages and API answers carry the other security headers; API answers are never cached", async ({ request }) => {
  const answers = {
    page: await request.get("/"),
    session: await request.get("/api/auth/session"),
    health: await request.get("/api/health"),
    order: await request.post("/api/orders", { data: { productId: "coffee" }, headers: { Origin: `http://localhost:${e2ePorts.app}` } }),
  };
  for (const [name, response] of Object.entries(answers)) {
    const headers = response.headers();
    expect(headers["strict-transport-security"], name).toBe("max-age=63072000; includeSubDomains");
    expect(headers["x-content-type-options"], name).toBe("nosniff");
    expect(headers["referrer-policy"], name).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], name).toMatch(/(^|, )camera=\(\).*web-share=\(self\)/);
  }
  for (const name of ["session", "health", "order"] as const) {
    expect(answers[name].headers()["cache-control"], name).toBe("no-store");
    // API answers skip the proxy (no nonce to make) and carry a fixed policy that lets nothing load or frame them.
    expect(answers[name].headers()["content-security-policy"], name).toBe("default-src 'none'; frame-ancestors 'none'");
  }
  expect([answers.session.status(), answers.health.status(), answers.order.status()]).toEqual([401, 200, 401]);
});

// Desktop Linux Chromium has no Web Share, so it does not know the feature; phones do.
const webShareUnknownHere = "Error with Permissions-Policy header: Unrecognized feature: 'web-share'.";

/** Every Content-Security-Policy or Permissions-Policy complaint the page (or its frames) makes, from now on. */
function recordPolicyComplaints(page: Page): string[] {
  const complaints: string[] = [];
  page.on("console", (message) => {
    const text = message.text();
    if (/Content Security Policy|Permissions-Policy/i.test(text) && text !== webShareUnknownHere) complaints.push(text);
  });
  return complaints;
}

test("signing in and paying through the emulator breaks no policy", async ({ page, app, emulator }) => {
  void emulator;
  const complaints = recordPolicyComplaints(page);
  await page.goto("/");
  await app.signIn("alice");
  await app.button(/Buy A coffee/).click();
  await app.wallet().getByRole("button", { name: "Confirm" }).click();
  await expect(app.purchaseStatus("coffee")).toHaveText(/^Paid/);
  await app.openOrders();
  expect(complaints).toEqual([]);
});

test("framed by the emulator's sandbox page, as in the Pi Sandbox, signing in breaks no policy", async ({ page, emulator }) => {
  void emulator;
  const complaints = recordPolicyComplaints(page);
  await page.goto(`${emulatorOrigin}/sandbox?app=${encodeURIComponent(`http://localhost:${e2ePorts.app}/`)}`);
  await new AppScreen(page.frameLocator('iframe[title="App"]')).consentAs("bob");
  expect(complaints).toEqual([]);
});
