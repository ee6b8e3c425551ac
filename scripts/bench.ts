// `npm run bench`: full purchase flows (sign-in, order, approve, pay in the emulator's wallet,
// complete) with 1, 8 and 32 concurrent Pioneers against the app on PGlite, on PostgreSQL with one
// and two instances, and against a bare node:http reference server making the same Pi calls.
// The instances run with the request limits as deployed (scripts/bench/targets.ts). Not part of `npm test`.
// `--runs=N` repeats everything N times and judges the targets on the median of the runs.
import { mkdirSync, writeFileSync } from "node:fs";
import { ensurePerfBuild } from "./perf/build";
import { emulatorUrl, perfPorts, piEnv } from "./perf/env";
import { timedRoutes, type Target } from "./perf/flow";
import { request } from "./perf/http-client";
import { conditions, machineLine, toolVersions } from "./perf/machine";
import { logDir, startEmulatorProcess, stopEverything } from "./perf/processes";
import { integrityProblems, piCallsPerPayment, piRecord } from "./bench/integrity";
import { runLoad, type LoadResult } from "./bench/load";
import { postgresAvailable, startPostgres } from "./bench/postgres";
import { requestCosts } from "./bench/request-costs";
import { checkSharedState } from "./bench/shared-state";
import { ms, percentile } from "./bench/stats";
import { checkLines, printRun, verdictOf, type Report } from "./bench/summary";
import { startTarget, type TargetSpec } from "./bench/targets";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const seconds = Number(arg("seconds") ?? process.env.BENCH_SECONDS ?? 10);
const levels = (arg("levels") ?? "1,8,32").split(",").map(Number);
const only = arg("only")?.split(",");

const allTargets: TargetSpec[] = [
  { name: "reference", kind: "reference" },
  { name: "next-reference", kind: "next-reference" },
  { name: "pglite", kind: "app", engine: "pglite", instances: 1 },
  { name: "postgres", kind: "app", engine: "postgres", instances: 1 },
  { name: "postgres-x2", kind: "app", engine: "postgres", instances: 2 },
];
const targets = allTargets.filter((t) => !only || only.includes(t.name));

ensurePerfBuild({ force: process.argv.includes("--rebuild") });
console.log(`${machineLine()}\n${toolVersions()}`);
if (process.argv.includes("--overhead")) {
  const { measureOverhead } = await import("./bench/overhead");
  await measureOverhead(perfPorts.postgres);
  process.exit(0);
}
if (process.argv.includes("--profile")) {
  const { profileServer } = await import("./bench/profile");
  await profileServer();
  process.exit(0);
}
console.log(`Levels ${levels.join(", ")} Pioneers, ${seconds} s each after a 2 s warm-up. Request limits on, as deployed; each sign-in from its own address.`);

await startEmulatorProcess();
const needsPostgres = targets.some((t) => t.engine === "postgres");
if (needsPostgres && !postgresAvailable()) console.log("PostgreSQL 15 is not installed (apt-get install -y postgresql): its targets are skipped.");
const postgres = needsPostgres && postgresAvailable() ? startPostgres(perfPorts.postgres) : null;

const runs = Math.max(1, Math.floor(Number(arg("runs") ?? 1)) || 1);
const byRun: Report[][] = [];

/** Every target once, each on fresh processes: one sample of every figure. */
async function runTargets(): Promise<Report[]> {
  const found: Report[] = [];
  for (const spec of targets) {
    if (spec.engine === "postgres" && !postgres) continue;
    await request("POST", `${emulatorUrl}/control/reset`);
    const running = await startTarget(spec, postgres?.url ?? null, piEnv);
    const target: Target = { origins: running.origins, emulator: emulatorUrl };
    console.log(`\n== ${spec.name} (${running.origins.join(", ")})`);
    const warmUp = await runLoad(target, 8, 2);
    const results: LoadResult[] = [];
    for (const concurrency of levels) {
      const result = await runLoad(target, concurrency, seconds);
      results.push(result);
      const line = timedRoutes.map((r) => `${r} ${ms(percentile(result.latencies[r], 50))}/${ms(percentile(result.latencies[r], 99))}`).join("  ");
      console.log(`   ${String(concurrency).padStart(2)} Pioneers: ${(result.flows / result.seconds).toFixed(1)} flows/s, ${result.errors.length} errors; p50/p99 ms: ${line}  [${conditions()}]`);
      if (result.errors.length) console.log(`     first error: ${result.errors[0]}`);
    }
    // After the load, so the instance is warm: one request at a time, what it waited for (in the run's table).
    const costProblems: string[] = [];
    const costs = running.counterPort
      ? await requestCosts(target, running.counterPort).catch((error: unknown) => {
          costProblems.push(`the purchases one at a time failed: ${error instanceof Error ? error.message : String(error)}`);
          return null;
        })
      : null;
    // Two instances: one Pioneer's limit and the reconciler's claims must hold across them.
    const shared = running.origins.length > 1 ? await checkSharedState(target).catch((error: unknown) => ({ problems: [`the check of what instances share failed: ${error instanceof Error ? error.message : String(error)}`], finished: 0 })) : null;
    if (shared) console.log(`   shared by the instances (one Pioneer's request limit, the reconciler's claims): ${shared.problems.length ? shared.problems.join("; ") : "ok"}`);
    const pi = await piRecord(emulatorUrl);
    const { perPayment, me } = piCallsPerPayment(pi.calls);
    const counts = [...perPayment.values()];
    const flows = pi.payments.length;
    // Purchases the driver saw finish, warm-up included: each must be exactly one payment Pi completed.
    const finished = [warmUp, ...results].reduce((n, r) => n + r.flows, 0) + (costs ? costs.purchases : 0) + (shared?.finished ?? 0);
    const problems = [...costProblems, ...(shared?.problems ?? []), ...integrityProblems(await running.ledger(), pi, finished)];
    const failed = [warmUp, ...results].reduce((n, r) => n + r.errors.length, 0);
    if (failed) problems.unshift(`${failed} failed flows`);
    await running.stop();
    const piCalls = { max: Math.max(0, ...counts), mean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length), me: me / Math.max(1, flows) };
    console.log(`   Pi calls per purchase: ${piCalls.mean.toFixed(2)} (max ${piCalls.max}) + ${piCalls.me.toFixed(2)} /me; integrity: ${problems.length ? problems.join("; ") : "ok"} (${flows} payments)`);
    found.push({ target: spec.name, costs: costs?.perRoute ?? null, detail: costs?.detail ?? null, piCalls, results, problems, load: machineLine() });
  }
  return found;
}

try {
  for (let run = 1; run <= runs; run++) {
    if (runs > 1) console.log(`\n######## run ${run} of ${runs}`);
    const reports = await runTargets();
    printRun(reports);
    byRun.push(reports);
  }
} finally {
  await stopEverything();
  postgres?.stop();
}

const reports = byRun.flat();
const checks = checkLines(byRun.map(verdictOf), reports);
console.log(`\n${checks.join("\n")}\n${machineLine()}`);
mkdirSync(logDir, { recursive: true });
const file = `${logDir}/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify(byRun.flatMap((runReports, i) => runReports.map((r) => ({ run: i + 1, ...r, results: r.results.map(({ latencies, ...rest }) => ({ ...rest, p50: Object.fromEntries(timedRoutes.map((t) => [t, percentile(latencies[t], 50)])), p99: Object.fromEntries(timedRoutes.map((t) => [t, percentile(latencies[t], 99)])) })) }))), null, 1));
console.log(`Details (statements by text, every figure): ${file}`);
process.exitCode = reports.every((r) => r.problems.length === 0) ? 0 : 1;
