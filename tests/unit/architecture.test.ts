// @vitest-environment node
// The layers hold: lib/db knows tables and queries only, and nothing the browser runs reaches a
// module marked server-only, not even for a type (a type import today is a value import tomorrow).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const sourceDirs = ["app", "components", "lib"];
const extensions = [".ts", ".tsx"];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "migrations" ? [] : walk(full);
    return extensions.includes(path.extname(name)) ? [full] : [];
  });
}

const files = sourceDirs.flatMap((dir) => walk(path.join(root, dir)));
const importPattern = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

/** Every module specifier a file names, type-only imports included. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(importPattern)].map((match) => match[1] ?? match[2] ?? "");
}

/** The repository file a specifier names, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [base, ...extensions.map((ext) => base + ext), ...extensions.map((ext) => path.join(base, `index${ext}`))];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

const rel = (file: string) => path.relative(root, file);
const isServerOnly = (file: string) => specifiers(file).includes("server-only");
const isClientEntry = (file: string) => /^\s*["']use client["']/.test(readFileSync(file, "utf8")) || rel(file).startsWith("lib/client/");

/** The first chain of imports from `entry` that ends in a server-only module, if any. */
function serverOnlyChain(entry: string): string[] | null {
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    if (isServerOnly(file)) return [...chain, rel(file)];
    for (const specifier of specifiers(file)) {
      const next = resolve(file, specifier);
      const found = next ? visit(next, [...chain, rel(file)]) : null;
      if (found) return found;
    }
    return null;
  };
  return visit(entry, []);
}

describe("architecture", () => {
  it("finds the modules it checks", () => {
    expect(files.filter(isClientEntry).length).toBeGreaterThan(10);
    expect(files.filter(isServerOnly).map(rel)).toContain("lib/pi/platform-api.ts");
  });

  it("keeps lib/db free of the domain: it imports only itself, the configuration and the logger", () => {
    const offenders = files
      .filter((file) => rel(file).startsWith("lib/db/"))
      .flatMap((file) => specifiers(file).map((specifier) => ({ file, target: resolve(file, specifier) })))
      .filter(({ target }) => target !== null && !rel(target).startsWith("lib/db/") && !rel(target).startsWith("lib/config/") && rel(target) !== "lib/log.ts")
      .map(({ file, target }) => `${rel(file)} → ${rel(target ?? "")}`);
    expect(offenders).toEqual([]);
  });

  it("never lets client code reach a server-only module, type imports included", () => {
    const chains = files.filter(isClientEntry).flatMap((file) => {
      const chain = serverOnlyChain(file);
      return chain ? [chain.join(" → ")] : [];
    });
    expect(chains).toEqual([]);
  });
});
