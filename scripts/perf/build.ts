import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { distDir, perfEnv } from "./env";

// What a build depends on: if none of it changed since the last perf build, that build is reused.
const sources = ["app", "components", "lib", "proxy.ts", "next.config.ts", "package-lock.json", "tsconfig.json", "instrumentation.ts"];
const stampFile = path.join(distDir, "perf-build.json");

function newestChange(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

/** The public values a build bakes into the browser bundle; a build made for other values is not reused. */
const publicValues = JSON.stringify(Object.fromEntries(Object.entries(perfEnv).filter(([name]) => name.startsWith("NEXT_PUBLIC_"))));

/** Builds the app into .next-perf with public values only (as the e2e build), unless an up-to-date one is there. */
export function ensurePerfBuild(options: { force?: boolean } = {}): void {
  const stamp = existsSync(stampFile) ? (JSON.parse(readFileSync(stampFile, "utf8")) as { publicValues?: string; builtAt?: number }) : null;
  const fresh = stamp?.publicValues === publicValues && (stamp.builtAt ?? 0) > Math.max(...sources.map(newestChange));
  if (fresh && !options.force) {
    console.log(`Reusing the production build in ${distDir} (nothing changed since; --rebuild forces one).`);
    return;
  }
  const started = Date.now();
  buildPerf(process.cwd());
  writeFileSync(stampFile, JSON.stringify({ publicValues, builtAt: started }));
}

/** Builds the project in `cwd` into its .next-perf, as the end-to-end build: public values only, pointed at the emulator. */
export function buildPerf(cwd: string): void {
  console.log(`Building ${cwd === process.cwd() ? "the app" : cwd} into ${distDir} (public values only, pointed at the emulator)…`);
  const started = Date.now();
  const publicOnly = Object.fromEntries(Object.entries(perfEnv).map(([name, value]) => [name, name.startsWith("NEXT_") ? value : ""]));
  const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    cwd,
    env: { ...process.env, ...publicOnly, NODE_ENV: "production", CRON_SECRET: "" },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  // Next prints why it failed (a type error, say) on stdout, which a good build keeps quiet.
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status ?? "signal"}):\n${result.stdout}`);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
