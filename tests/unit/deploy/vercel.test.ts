// @vitest-environment node
// What a one-click Vercel deployment relies on: the cron schedule, function limits, the Node.js
// runtime everywhere, and a Deploy button that asks for every variable production refuses to start without.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startupProblems } from "@/lib/config/server";
import { deployButtonUrl, requiredOnVercel } from "@/lib/deploy/button";

const root = path.resolve(__dirname, "../../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
const vercel = JSON.parse(read("vercel.json")) as { crons: { path: string; schedule: string }[]; functions: Record<string, { maxDuration?: number }> };
const files = (dir: string): string[] =>
  readdirSync(path.join(root, dir)).flatMap((name) => {
    const file = `${dir}/${name}`;
    return statSync(path.join(root, file)).isDirectory() ? files(file) : [file];
  });
const appFiles = files("app");
/** The files a Vercel functions pattern names (`**` any folders, `*` any name part). */
const matching = (pattern: string) => {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .split("**/")
    .map((part) => part.replace(/\*/g, "[^/]*"))
    .join("(?:.*/)?");
  const regex = new RegExp(`^${source}$`);
  return appFiles.filter((file) => regex.test(file));
};
const routeFiles = matching("app/**/route.ts");

describe("vercel.json", () => {
  it("schedules the reconciler at a route that exists, at most daily so a Hobby plan accepts it", () => {
    expect(vercel.crons).toEqual([expect.objectContaining({ path: "/api/cron/reconcile" })]);
    expect(read("app/api/cron/reconcile/route.ts")).toMatch(/export const GET\b/);
    const [minute, hour, ...rest] = vercel.crons[0]?.schedule.split(" ") ?? [];
    expect([minute, hour].every((field) => /^\d+$/.test(field ?? ""))).toBe(true);
    expect(rest).toEqual(["*", "*", "*"]);
  });

  it("gives the payment routes and the cron route their maxDuration, with patterns that match real files", () => {
    for (const [pattern, config] of Object.entries(vercel.functions)) {
      expect(matching(pattern).length, pattern).toBeGreaterThan(0);
      expect(config.maxDuration).toBeGreaterThanOrEqual(30);
    }
    expect(Object.keys(vercel.functions)).toContain("app/api/payments/**/route.ts");
  });

  it("runs every route handler on the Node.js runtime", () => {
    expect(routeFiles.length).toBeGreaterThan(10);
    const others = routeFiles.filter((file) => !/export const runtime = "nodejs";/.test(read(file)));
    expect(others).toEqual([]);
  });
});

describe("the Deploy with Vercel button", () => {
  const readme = read("README.md");
  const link = /\[!\[Deploy with Vercel\]\(https:\/\/vercel\.com\/button\)\]\((https:\/\/vercel\.com\/new\/clone\?[^)\s]+)\)/.exec(readme)?.[1];

  it("is in the README and parses, cloning a repository", () => {
    expect(link).toBeDefined();
    const url = new URL(link ?? "");
    expect(URL.canParse(url.searchParams.get("repository-url") ?? "")).toBe(true);
    expect(link).toBe(deployButtonUrl(url.searchParams.get("repository-url") ?? ""));
  });

  it("asks for every variable production refuses to start without, and offers Neon for DATABASE_URL", () => {
    const url = new URL(link ?? "");
    const asked = (url.searchParams.get("env") ?? "").split(",");
    const refusedWithout = startupProblems({ NODE_ENV: "production", VERCEL: "1" }).map((problem) => problem.setting);
    expect(refusedWithout).toContain("DATABASE_URL");
    for (const setting of refusedWithout.filter((s) => s !== "DATABASE_URL")) expect(asked).toContain(setting);
    expect(asked).toEqual([...requiredOnVercel]);
    expect(asked).toContain("CRON_SECRET");
    const description = url.searchParams.get("envDescription") ?? "";
    for (const name of asked) expect(description).toContain(name);
    expect(url.searchParams.get("envLink")).toMatch(/docs\/DEPLOY\.md$/);
    expect(JSON.parse(url.searchParams.get("products") ?? "[]")).toEqual([expect.objectContaining({ productSlug: "neon", protocol: "storage" })]);
    expect(existsSync(path.join(root, "docs/DEPLOY.md"))).toBe(true);
  });
});
