import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { perfPorts } from "./env";
import { startProcess, waitFor } from "./processes";

/** The deepest directory holding both (Turbopack's root must hold the project and its node_modules). */
function commonAncestor(a: string, b: string): string {
  const [x, y] = [path.resolve(a).split(path.sep), path.resolve(b).split(path.sep)];
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(path.sep) || path.sep;
}

/**
 * The bare Next.js project (scripts/perf/baseline-app) whose page `npm run lighthouse` measures
 * beside ours, and whose JSON route `npm run bench -- --overhead` times beside our routes,
 * built in a directory of its own outside the repository (inside it, Next would pick up the app's
 * instrumentation and proxy) with this repository's node_modules. Its scores are the framework's
 * own on this machine. Resolves to its origin.
 */
export async function startBaselineProject(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "perf-baseline-"));
  cpSync("scripts/perf/baseline-app", dir, { recursive: true });
  symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
  const next = path.resolve("node_modules/next/dist/bin/next");
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", BASELINE_TURBOPACK_ROOT: commonAncestor(dir, process.cwd()) };
  const built = spawnSync(process.execPath, [next, "build"], { cwd: dir, env, encoding: "utf8" });
  if (built.status !== 0 || !existsSync(path.join(dir, ".next"))) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`the baseline project did not build:\n${built.stdout}\n${built.stderr}`);
  }
  const port = perfPorts.baseline;
  const child = startProcess("baseline", process.execPath, [next, "start", dir, "-p", String(port)], env);
  child.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  await waitFor(`http://localhost:${port}/`, child, "baseline");
  return `http://localhost:${port}`;
}
