// `npm run lighthouse -- --compare=<ref>`: this checkout against another commit on `/` signed out
// and `/orders` signed in, their runs alternating, so both see the same machine. On a shared
// machine the same build moves by 10-30 % between runs minutes apart; a fix is judged here, not by
// two runs at different times.
import { rmSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { perfPorts } from "./env";
import { builtCheckout } from "./checkout";
import { median } from "../bench/stats";
import { chromeFlags, lighthouseVersion, limitsOff, openLighthouse, returningPioneer, type LighthouseResult, type Visit } from "./lighthouse-runner";
import { machineLine } from "./machine";
import { startApp, startEmulatorProcess, stopEverything } from "./processes";

type Run = { perf: number; tbt: number; lcp: number; observedFcp: number };

function summary(name: string, runs: Run[]): string {
  const late = runs.filter((r) => r.observedFcp > 1000).length;
  return `${name}: performance ${runs.map((r) => r.perf).join(", ")}; medians: performance ${median(runs.map((r) => r.perf))}, TBT ${Math.round(median(runs.map((r) => r.tbt)))} ms, LCP ${(median(runs.map((r) => r.lcp)) / 1000).toFixed(2)} s; first paint after 1 s in ${late} of ${runs.length}`;
}

export async function compareWith(ref: string, runs: number, chromePath: string): Promise<void> {
  const other = builtCheckout(ref);
  const here = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  const builds = [
    { name: `this checkout (${here}${execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() ? " with changes" : ""})`, origin: `http://localhost:${perfPorts.app}` },
    { name: `${ref} (${other.commit})`, origin: `http://localhost:${perfPorts.app2}` },
  ];
  console.log(machineLine());
  try {
    await startEmulatorProcess();
    rmSync(path.resolve(".data/perf-compare"), { recursive: true, force: true });
    await startApp("app", perfPorts.app, { ...limitsOff, PGLITE_DIR: path.resolve(".data/perf-compare") });
    await startApp("app-compared", perfPorts.app2, { ...limitsOff, PGLITE_DIR: path.join(other.dir, ".data/perf-compare") }, "", other.dir);
    const measured: { name: string; visit: Visit; runs: Run[] }[] = [];
    for (const page of ["/ signed out", "/orders signed in"]) {
      for (const build of builds) {
        const visit: Visit = page === "/ signed out" ? { url: `${build.origin}/` } : { url: `${build.origin}/orders`, ...(await returningPioneer(build.origin)) };
        await fetch(visit.url);
        measured.push({ name: `${page}, ${build.name}`, visit, runs: [] });
      }
    }
    console.log(`Lighthouse ${lighthouseVersion}, mobile preset, ${runs} runs of each, alternating; ${chromePath} (${chromeFlags.join(" ")})`);
    const lighthouse = await openLighthouse(chromePath);
    try {
      for (let i = 0; i < runs; i++) {
        // Alternate which goes first, so neither always follows the other.
        for (const entry of i % 2 ? [...measured].reverse() : measured) {
          const lhr: LighthouseResult = await lighthouse.run(entry.visit);
          entry.runs.push({
            perf: Math.round((lhr.categories.performance?.score ?? 0) * 100),
            tbt: lhr.audits["total-blocking-time"]?.numericValue ?? Number.NaN,
            lcp: lhr.audits["largest-contentful-paint"]?.numericValue ?? Number.NaN,
            observedFcp: Number(lhr.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint ?? Number.NaN),
          });
        }
      }
    } finally {
      await lighthouse.close();
    }
    for (const entry of measured) console.log(summary(entry.name, entry.runs));
    console.log(machineLine());
  } finally {
    await stopEverything();
    other.remove();
  }
}
