import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildPerf } from "./build";
import { cleanUpOnExit } from "./processes";

/**
 * Another commit of this repository, checked out outside it and built into its own .next-perf, with
 * this checkout's node_modules (hard links where the file system allows, copies otherwise: Turbopack
 * wants node_modules inside the project). `remove()` deletes the checkout and its build.
 */
export function builtCheckout(ref: string): { dir: string; commit: string; remove: () => void } {
  const commit = execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], { encoding: "utf8" }).trim();
  const dir = mkdtempSync(path.join(os.tmpdir(), "perf-checkout-"));
  execFileSync("git", ["worktree", "add", "--detach", dir, commit], { stdio: "ignore" });
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    execFileSync("git", ["worktree", "remove", "--force", dir], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
  };
  cleanUpOnExit(remove);
  try {
    const [from, to] = [path.resolve("node_modules"), path.join(dir, "node_modules")];
    try {
      execFileSync("cp", ["-al", from, to], { stdio: "ignore" });
    } catch {
      rmSync(to, { recursive: true, force: true });
      execFileSync("cp", ["-a", from, to], { stdio: "ignore" });
    }
    buildPerf(dir);
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, commit, remove };
}
