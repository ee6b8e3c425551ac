// `npm run lighthouse`: Lighthouse 12.8.2, mobile preset, 3 runs each on `/` signed out, `/` signed in
// and `/orders` signed in, against a production build pointed at the emulator, and on a bare Next.js
// page built the same way (the framework's own score on this machine); prints the medians.
// `--compare=<commit>` instead alternates runs of this checkout and that commit (scripts/perf/lighthouse-compare.ts).
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { ensurePerfBuild } from "./perf/build";
import { perfPorts } from "./perf/env";
import { median, table } from "./bench/stats";
import { chromeFlags, lighthouseVersion, limitsOff, openLighthouse, returningPioneer, type LighthouseResult, type Visit } from "./perf/lighthouse-runner";
import { startBaselineProject } from "./perf/baseline";
import { startApp, startEmulatorProcess, stopEverything } from "./perf/processes";
import { machineLine, toolVersions } from "./perf/machine";

const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const origin = `http://localhost:${perfPorts.app}`;

ensurePerfBuild({ force: process.argv.includes("--rebuild") });
const compare = process.argv.find((arg) => arg.startsWith("--compare="))?.slice("--compare=".length);
if (compare) {
  const { compareWith } = await import("./perf/lighthouse-compare");
  await compareWith(compare, Number(process.env.LIGHTHOUSE_RUNS ?? 8), chromePath);
  process.exit(0);
}
console.log(`${machineLine()}\n${toolVersions()}`);
const pgliteDir = ".data/perf-lighthouse";
rmSync(pgliteDir, { recursive: true, force: true });
await startEmulatorProcess();
await startApp("app", perfPorts.app, { ...limitsOff, PGLITE_DIR: pgliteDir });

const signedIn = await returningPioneer(origin);
const pages: { name: string; visit: Visit }[] = [
  { name: "/ signed out", visit: { url: `${origin}/` } },
  { name: "/ signed in", visit: { url: `${origin}/`, ...signedIn } },
  { name: "/orders signed in", visit: { url: `${origin}/orders`, ...signedIn } },
  { name: "bare Next.js page", visit: { url: `${(await startBaselineProject()).origin}/` } },
];

// One unmeasured visit each, so the server's first-render work (module loading) is not in run 1.
for (const { visit } of pages) await fetch(visit.url);

const score = (lhr: LighthouseResult, category: string) => Math.round((lhr.categories[category]?.score ?? 0) * 100);
const metric = (lhr: LighthouseResult, audit: string) => lhr.audits[audit]?.numericValue ?? Number.NaN;

console.log(`Lighthouse ${lighthouseVersion}, mobile preset, ${runs} runs per page, ${chromePath} (${chromeFlags.join(" ")})`);
const reportDir = ".data/perf-logs/lighthouse";
mkdirSync(reportDir, { recursive: true });
const lighthouse = await openLighthouse(chromePath);
const rows: string[][] = [];
const verdicts: string[] = [];
try {
  for (const { name, visit } of pages) {
    const results: LighthouseResult[] = [];
    for (let i = 0; i < runs; i++) {
      const lhr = await lighthouse.run(visit);
      // Every report is kept for a closer look (open it in Lighthouse's viewer, or read it with jq).
      writeFileSync(`${reportDir}/${name.replace(/\W+/g, "-").replace(/^-|-$/g, "")}-${i + 1}.json`, JSON.stringify(lhr));
      results.push(lhr);
    }
    const col = (f: (lhr: LighthouseResult) => number) => median(results.map(f));
    rows.push([
      name,
      String(col((r) => score(r, "performance"))),
      String(col((r) => score(r, "accessibility"))),
      String(col((r) => score(r, "best-practices"))),
      `${(col((r) => metric(r, "largest-contentful-paint")) / 1000).toFixed(2)} s`,
      `${Math.round(col((r) => metric(r, "total-blocking-time")))} ms`,
      col((r) => metric(r, "cumulative-layout-shift")).toFixed(3),
      `${(col((r) => metric(r, "first-contentful-paint")) / 1000).toFixed(2)} s`,
    ]);
    console.log(`  ${name}: performance ${results.map((r) => score(r, "performance")).join(", ")}`);
    if (name !== "bare Next.js page") {
      const [perf, a11y, best] = ["performance", "accessibility", "best-practices"].map((category) => col((r) => score(r, category)));
      const met = (perf ?? 0) >= 95 && a11y === 100 && (best ?? 0) >= 96;
      verdicts.push(`${name}: performance ${perf}, accessibility ${a11y}, best practices ${best}: ${met ? "met" : "NOT met"}`);
    }
  }
} finally {
  await lighthouse.close();
  await stopEverything();
}

const header = ["page", "perf", "a11y", "best pr.", "LCP", "TBT", "CLS", "FCP"];
console.log(`\nMedians of ${runs} (targets: performance ≥ 95, accessibility 100, best practices ≥ 96; the bare page is the framework's floor, not a target)\n${table(header, rows)}`);
console.log(`\n${verdicts.join("\n")}`);
console.log(machineLine());
