import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { en } from "../../lib/i18n/messages/en";
import { clientFiles, describeChunks, distDir, firstLoad, kb, total } from "./bundle";

// Sizes, never timings: read from the build this suite already runs against, so nothing is built twice.
// A phone on a slow network pays for every kilobyte before the first paint (docs/PERFORMANCE.md).

/** The home page's first-load JavaScript, gzipped. Decimal kilobytes, as the failure prints them. */
const homeBudget = 150_000;
/** Above /_not-found: the framework and the root layout, which every page loads. */
const aboveBaselineBudget = 10_000;

test("the home page's first-load JavaScript stays within its budget", () => {
  const home = firstLoad("/");
  const baseline = firstLoad("/_not-found");
  const size = total(home);
  expect(size, `/ loads ${kb(size)} of JavaScript gzipped, over ${kb(homeBudget)}. Its chunks, largest first:\n${describeChunks(home)}`).toBeLessThanOrEqual(homeBudget);

  const own = home.filter((chunk) => !baseline.some((b) => b.file === chunk.file));
  const above = size - total(baseline);
  expect(above, `/ loads ${kb(above)} more than /_not-found, over ${kb(aboveBaselineBudget)}. The chunks only / loads:\n${describeChunks(own)}`).toBeLessThanOrEqual(aboveBaselineBudget);
});

// Each marker is a string its source certainly holds (checked first, so a rename cannot silently
// disarm the check) and no browser code has any reason to.
const forbidden = [
  { what: "the emulator's SDK", marker: "pi-emulator:", source: "emulator/sdk/pi-sdk.js" },
  { what: "the test helpers (the emulator's control API)", marker: "/control/", source: "tests/helpers/shop.ts" },
  { what: "Vitest", marker: "vitest", source: "tests/helpers/app.ts" },
  { what: "the server's configuration", marker: "SESSION_SECRET", source: "lib/config/server.ts" },
  { what: "the server's configuration", marker: "PI_API_KEY", source: "lib/config/server.ts" },
  { what: "the database layer (Drizzle's tables)", marker: "PgTable", source: "node_modules/drizzle-orm/pg-core/table.js" },
  { what: "a server-only module", marker: "cannot be imported from a Client Component", source: "node_modules/server-only/index.js" },
];

test("no client chunk holds the emulator's SDK, test code or server-only modules", () => {
  const files = clientFiles();
  expect(files.length, `no JavaScript under ${distDir}/static`).toBeGreaterThan(5);
  const texts = files.map((file) => ({ file, text: readFileSync(file, "utf8") }));
  for (const { what, marker, source } of forbidden) {
    expect(readFileSync(source, "utf8"), `${source} no longer holds "${marker}": pick another marker for ${what}`).toContain(marker);
    const found = texts.filter(({ text }) => text.includes(marker)).map(({ file }) => file);
    expect(found, `${what} ("${marker}") is in client chunks`).toEqual([]);
  }
});

// The legal pages' long texts are shown only by their own pages, which the server renders: no other
// page carries them in the data it sends its client components.
test("pages send the browser the legal pages' texts only on those pages", async ({ request }) => {
  const legal = [en.privacy.notKept, en.privacy.why, en.terms.changes];
  const home = await (await request.get("/")).text();
  for (const text of legal) expect(home.includes(text), `the home page's HTML carries "${text}"`).toBe(false);
  const privacy = await (await request.get("/privacy")).text();
  expect(privacy.includes(en.privacy.notKept), "the privacy page shows its text").toBe(true);
  expect(privacy.includes(en.terms.changes), `the privacy page's HTML carries "${en.terms.changes}"`).toBe(false);
});

// A page's first number or date format makes the browser load its locale data: 115–235 ms at
// Lighthouse's 4× slowdown on this project's machine (docs/PERFORMANCE.md), inside hydration's long task. The
// signed-out home page has nothing to format on the client (the server writes prices), so it pays none.
test("the signed-out home page formats no number or date in the browser while it loads", async ({ page }) => {
  await page.addInitScript(() => {
    const calls: string[] = [];
    Object.assign(window, { intlCalls: calls });
    for (const name of ["NumberFormat", "DateTimeFormat"] as const) {
      const Original = Intl[name];
      const counted = new Proxy(Original, {
        construct(target, args: unknown[]) {
          calls.push(`Intl.${name}: ${new Error().stack?.split("\n")[2]?.trim() ?? ""}`);
          return Reflect.construct(target, args) as object;
        },
      });
      Object.defineProperty(Intl, name, { value: counted });
    }
    for (const proto of [Number.prototype, Date.prototype] as { toLocaleString: (...args: unknown[]) => string }[]) {
      const original = proto.toLocaleString;
      proto.toLocaleString = function (this: unknown, ...args: unknown[]) {
        calls.push("toLocaleString");
        return original.apply(this, args);
      };
    }
  });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign in with Pi" })).toBeVisible();
  await expect(page.getByText("Sign in with Pi to buy.")).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => (window as unknown as { intlCalls: string[] }).intlCalls)).toEqual([]);
});
