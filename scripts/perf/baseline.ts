import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { perfPorts } from "./env";
import { cleanUpOnExit, startProcess, stopProcess, waitFor } from "./processes";

/** The deepest directory holding both (Turbopack's root must hold the project and its node_modules). */
function commonAncestor(a: string, b: string): string {
  const [x, y] = [path.resolve(a).split(path.sep), path.resolve(b).split(path.sep)];
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x.slice(0, i).join(path.sep) || path.sep;
}

/** A built and started bare project: where it answers, and how to stop it. */
export type BaselineProject = { origin: string; stop: () => Promise<void> };

/**
 * The bare Next.js project (scripts/perf/baseline-app): `npm run lighthouse` measures its page
 * beside ours, `npm run bench -- --overhead` times its JSON route beside our routes, and
 * `npm run bench` drives its purchase routes (the Next.js yardstick) as it drives the app. It is
 * built in a directory of its own outside the repository (inside it, Next would pick up the app's
 * instrumentation and proxy) with this repository's node_modules, so its figures are the framework's
 * own on this machine. `env` is added to its environment at start.
 */
export async function startBaselineProject(env: Record<string, string> = {}): Promise<BaselineProject> {
  const root = mkdtempSync(path.join(os.tmpdir(), "perf-baseline-"));
  cleanUpOnExit(() => rmSync(root, { recursive: true, force: true }));
  // The repository's layout under `root`: the yardstick's route imports these by their relative path.
  const dir = path.join(root, "scripts/perf/baseline-app");
  cpSync("scripts/perf/baseline-app", dir, { recursive: true });
  for (const file of ["scripts/bench/reference-routes.ts", "scripts/perf/http-client.ts"]) cpSync(file, path.join(root, file));
  symlinkSync(path.resolve("node_modules"), path.join(dir, "node_modules"));
  const next = path.resolve("node_modules/next/dist/bin/next");
  const buildEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", BASELINE_TURBOPACK_ROOT: commonAncestor(root, process.cwd()) };
  const built = spawnSync(process.execPath, [next, "build"], { cwd: dir, env: buildEnv, encoding: "utf8" });
  if (built.status !== 0 || !existsSync(path.join(dir, ".next"))) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`the baseline project did not build:\n${built.stdout}\n${built.stderr}`);
  }
  const port = perfPorts.baseline;
  const child = startProcess("baseline", process.execPath, [next, "start", dir, "-p", String(port)], { ...buildEnv, ...env });
  child.once("exit", () => rmSync(root, { recursive: true, force: true }));
  await waitFor(`http://localhost:${port}/`, child, "baseline");
  return { origin: `http://localhost:${port}`, stop: () => stopProcess(child) };
}
