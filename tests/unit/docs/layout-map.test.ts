// @vitest-environment node
// The README's folder map matches the tree: every folder it names exists, and every folder a forker
// will open (the top level, app/, components/, lib/) is on it.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const block = /## Layout\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

/** Map entries as paths: an indented entry sits under the last unindented one. */
function mapped(): string[] {
  const paths: string[] = [];
  let parent = "";
  for (const line of block.split("\n")) {
    const name = /^(\s*)(\S+)/.exec(line);
    if (!name) continue;
    const [, indent = "", entry = ""] = name;
    if (indent.length === 0) parent = entry.endsWith("/") ? entry : "";
    paths.push(indent.length === 0 ? entry : `${parent}${entry}`);
  }
  return paths.map((p) => p.replace(/\/$/, ""));
}

const ignored = new Set(["node_modules", "test-results", "playwright-report", ".next", ".next-e2e", ".data", ".pg", ".git", ".ci"]);
const folders = (dir: string) =>
  readdirSync(path.join(root, dir))
    .filter((name) => !ignored.has(name) && !name.startsWith(".") && statSync(path.join(root, dir, name)).isDirectory())
    .map((name) => (dir ? `${dir}/${name}` : name));

describe("the README's layout map", () => {
  const entries = mapped();

  it("names only paths that exist", () => {
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.filter((entry) => !existsSync(path.join(root, entry)))).toEqual([]);
  });

  it("lists every top-level folder and every folder of app/, components/ and lib/", () => {
    const expected = [...folders(""), ...folders("app"), ...folders("components"), ...folders("lib")];
    expect(expected.filter((folder) => !entries.includes(folder))).toEqual([]);
  });
});
