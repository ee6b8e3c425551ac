// `npm run bench`: full purchase flows (sign-in, order, approve, pay in the emulator's wallet,
// complete) with 1, 8 and 32 concurrent Pioneers against the app on PGlite, on PostgreSQL with one
// and two instances, and against a bare node:http reference server making the same Pi calls.
// The instances run with the request limits as deployed (scripts/bench/targets.ts). Not part of `npm test`.
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
import { requestCosts, type RouteCost } from "./bench/request-costs";
import { ms, percentile, table } from "./bench/stats";
import { startTarget, type TargetSpec } from "./bench/targets";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const seconds = Number(arg("seconds") ?? process.env.BENCH_SECONDS ?? 10);
const levels = (arg("levels") ?? "1,8,32").split(",").map(Number);
const only = arg("only")?.split(",");

const allTargets: TargetSpec[] = [
  { name: "reference", kind: "reference" },
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

function costLine(route: string, cost: RouteCost): string {
  const rest = cost.ms - cost.dbMs - cost.piMs;
  return `${route.padEnd(8)} ${ms(cost.ms)} = ${ms(cost.dbMs)} (${cost.statements} statements) + ${ms(cost.piMs)} (${cost.piCalls} Pi calls) + ${ms(rest)}`;
}

type Report = { target: string; statements: Record<string, number> | null; costs: Record<string, RouteCost> | null; detail: unknown; piCalls: { max: number; mean: number; me: number }; results: LoadResult[]; problems: string[]; load: string };
const reports: Report[] = [];

try {
  for (const spec of targets) {
    if (spec.engine === "postgres" && !postgres) continue;
    await request("POST", `${emulatorUrl}/control/reset`);
    const running = await startTarget(spec, postgres?.url ?? null, piEnv);
    const target: Target = { origins: running.origins, emulator: emulatorUrl };
    console.log(`\n== ${spec.name} (${running.origins.join(", ")})`);
    await runLoad(target, 8, 2);
    const results: LoadResult[] = [];
    for (const concurrency of levels) {
      const result = await runLoad(target, concurrency, seconds);
      results.push(result);
      const line = timedRoutes.map((r) => `${r} ${ms(percentile(result.latencies[r], 50))}/${ms(percentile(result.latencies[r], 99))}`).join("  ");
      console.log(`   ${String(concurrency).padStart(2)} Pioneers: ${(result.flows / result.seconds).toFixed(1)} flows/s, ${result.errors.length} errors; p50/p99 ms: ${line}  [${conditions()}]`);
      if (result.errors.length) console.log(`     first error: ${result.errors[0]}`);
    }
    // After the load, so the instance is warm: one request at a time, what it waited for.
    const costs = running.counterPort ? await requestCosts(target, running.counterPort) : null;
    if (costs) {
      console.log("   one request at a time, median of 20 purchases: ms = database + Pi + the rest");
      for (const route of timedRoutes) console.log(`     ${costLine(route, costs.perRoute[route])}`);
    }
    const pi = await piRecord(emulatorUrl);
    const { perPayment, me } = piCallsPerPayment(pi.calls);
    const counts = [...perPayment.values()];
    const flows = pi.payments.length;
    const problems = integrityProblems(await running.ledger(), pi, pi.payments.filter((p) => p.status.developer_completed).length);
    if (results.some((r) => r.errors.length)) problems.unshift(`${results.reduce((n, r) => n + r.errors.length, 0)} failed flows`);
    await running.stop();
    const piCalls = { max: Math.max(...counts), mean: counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length), me: me / Math.max(1, flows) };
    console.log(`   Pi calls per purchase: ${piCalls.mean.toFixed(2)} (max ${piCalls.max}) + ${piCalls.me.toFixed(2)} /me; integrity: ${problems.length ? problems.join("; ") : "ok"} (${flows} payments)`);
    reports.push({ target: spec.name, statements: costs ? Object.fromEntries(timedRoutes.map((r) => [r, costs.perRoute[r].statements])) : null, costs: costs?.perRoute ?? null, detail: costs?.detail ?? null, piCalls, results, problems, load: machineLine() });
  }
} finally {
  await stopEverything();
  postgres?.stop();
}

// The summary: per target and concurrency, beside the reference's figures.
const reference = reports.find((r) => r.target === "reference");
const p50 = (result: LoadResult | undefined, route: (typeof timedRoutes)[number]) => (result ? percentile(result.latencies[route], 50) : Number.NaN);
const rows = reports.flatMap((report) =>
  report.results.map((result, i) => {
    const ref = reference?.results[i];
    return [
      `${report.target} ×${result.concurrency}`,
      (result.flows / result.seconds).toFixed(1),
      ref ? `${((100 * result.flows) / result.seconds / (ref.flows / ref.seconds)).toFixed(0)} %` : "-",
      ...timedRoutes.map((r) => `${ms(p50(result, r))}/${ms(percentile(result.latencies[r], 99))}`),
      ...(["approve", "complete"] as const).map((r) => (ref ? `+${ms(p50(result, r) - p50(ref, r))}` : "-")),
      report.statements ? timedRoutes.map((r) => report.statements?.[r]).join("/") : "-",
      `${report.piCalls.mean.toFixed(1)}+${report.piCalls.me.toFixed(1)}`,
      String(result.errors.length),
    ];
  }),
);
console.log(`\n${table(["target ×Pioneers", "flows/s", "of ref", ...timedRoutes.map((r) => `${r} p50/p99`), "approve Δp50", "complete Δp50", "db stmts s/o/a/c", "Pi calls", "errors"], rows)}`);
console.log("(ms; Δp50 is above the reference at the same concurrency; db statements per request: signin/order/approve/complete; Pi calls: per purchase + /me)");

const costRows = reports.flatMap((report) =>
  timedRoutes.flatMap((route) => {
    const cost = report.costs?.[route];
    return cost ? [[`${report.target} ${route}`, ms(cost.ms), `${ms(cost.dbMs)} (${cost.statements})`, `${ms(cost.piMs)} (${cost.piCalls})`, ms(cost.ms - cost.dbMs - cost.piMs)]] : [];
  }),
);
if (costRows.length) {
  console.log(`\n${table(["request, one at a time", "ms", "database (statements)", "Pi (calls)", "the rest"], costRows)}`);
  console.log("(medians of 20 purchases after the load; the rest is the network to the app, Next and our code)");
}

const best = (name: string) => Math.max(0, ...(reports.find((r) => r.target === name)?.results.map((r) => r.flows / r.seconds) ?? []));
const refBest = best("reference");
const pgBest = Math.max(best("postgres"), best("postgres-x2"));
const one = (name: string) => reports.find((r) => r.target === name)?.results.find((r) => r.concurrency === 1);
const checks = [
  ...["pglite", "postgres"].flatMap((name) =>
    (["approve", "complete"] as const).map((route) => {
      const delta = p50(one(name), route) - p50(one("reference"), route);
      return `${name} ${route} p50 at 1 Pioneer is +${ms(delta)} ms over the reference (target ≤ 5): ${delta <= 5 ? "met" : "NOT met"}`;
    }),
  ),
  `PostgreSQL best ${pgBest.toFixed(1)} flows/s (target ≥ 100): ${pgBest >= 100 ? "met" : "NOT met"}; ${refBest ? ((100 * pgBest) / refBest).toFixed(0) : "?"} % of the reference's ${refBest.toFixed(1)} (target ≥ 40 %): ${pgBest >= 0.4 * refBest ? "met" : "NOT met"}`,
  `integrity: ${reports.every((r) => r.problems.length === 0) ? "ok, 0 errors" : reports.flatMap((r) => r.problems.map((p) => `${r.target}: ${p}`)).join("; ")}`,
];
console.log(`\n${checks.join("\n")}\n${machineLine()}`);
mkdirSync(logDir, { recursive: true });
const file = `${logDir}/bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`;
writeFileSync(file, JSON.stringify(reports.map((r) => ({ ...r, results: r.results.map(({ latencies, ...rest }) => ({ ...rest, p50: Object.fromEntries(timedRoutes.map((t) => [t, percentile(latencies[t], 50)])), p99: Object.fromEntries(timedRoutes.map((t) => [t, percentile(latencies[t], 99)])) })) })), null, 1));
console.log(`Details (statements by text, every figure): ${file}`);
process.exitCode = reports.every((r) => r.problems.length === 0) ? 0 : 1;
