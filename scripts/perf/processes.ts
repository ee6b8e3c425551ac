import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { perfEnv, perfPorts } from "./env";

/** Child processes of a perf run: each leads its own process group, and all are stopped when the run ends. */

const children = new Set<ChildProcess>();
export const logDir = ".data/perf-logs";
const cleanUps = new Set<() => void>();

/** Runs `cleanUp` (synchronous) when this process exits, however it ends: an interrupted run skips every `finally`. */
export function cleanUpOnExit(cleanUp: () => void): void {
  cleanUps.add(cleanUp);
}

function stopAll(signal: NodeJS.Signals = "SIGTERM") {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
  }
}
process.once("exit", () => {
  stopAll("SIGKILL");
  for (const cleanUp of cleanUps) {
    try {
      cleanUp();
    } catch {
      // already gone
    }
  }
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/**
 * Starts a process whose output goes to .data/perf-logs/<name>.log, written by the process itself:
 * relayed through a pipe, every log line would also cost the driver's CPU, on the cores it measures.
 */
export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const log = openSync(path.join(logDir, `${name}.log`), "w");
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ["ignore", log, log] });
  closeSync(log);
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function stopEverything(): Promise<void> {
  await Promise.all([...children].map(stopProcess));
}

/**
 * Fails when something already listens on `port` (another bench or Lighthouse run, a dev server):
 * the wait for our child would take that server's answer for its own, and measure it.
 */
export async function assertPortFree(port: number, name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () => reject(new Error(`port ${port} for ${name} is in use: stop whatever runs there (another npm run bench or lighthouse?), or set PERF_PORT_BASE`)));
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/** Polls `url` until it answers `status`; fails early if `child` exits. */
export async function waitFor(url: string, child: ChildProcess, name: string, timeoutMs = 90_000, status = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited early; see ${logDir}/${name}.log`);
    const answered = await fetch(url).then((r) => r.status, () => 0);
    if (answered === status) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s; see ${logDir}/${name}.log`);
}

const tsx = "node_modules/.bin/tsx";

/** The Pi emulator in its own process, its SDK callbacks retried fast (a bench never waits for them). */
export async function startEmulatorProcess(extra: Record<string, string> = {}): Promise<ChildProcess> {
  await assertPortFree(perfPorts.emulator, "the emulator");
  const child = startProcess("emulator", tsx, ["scripts/emulator.ts"], { ...process.env, ...perfEnv, PI_EMULATOR_CALLBACK_RETRY_MS: "200", ...extra });
  await waitFor(`http://127.0.0.1:${perfPorts.emulator}/pi-sdk.js`, child, "emulator");
  return child;
}

/** `next start` on the perf build (of the project in `cwd`); the first /api/health opens and migrates the database. */
export async function startApp(name: string, port: number, env: Record<string, string>, nodeOptions = "", cwd = process.cwd()): Promise<ChildProcess> {
  await assertPortFree(port, name);
  const child = startProcess(name, process.execPath, [...(nodeOptions ? nodeOptions.split(" ") : []), "node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    ...process.env,
    ...perfEnv,
    PORT: String(port),
    ...env,
  }, cwd);
  await waitFor(`http://localhost:${port}/api/health`, child, name);
  return child;
}
