import { timedRoutes, type TimedRoute } from "../perf/flow";
import type { LoadResult } from "./load";
import type { RouteCost } from "./request-costs";
import { median, ms, percentile, table } from "./stats";

/** One target's figures from one run of the bench. */
export type Report = { target: string; costs: Record<TimedRoute, RouteCost> | null; detail: unknown; piCalls: { max: number; mean: number; me: number }; results: LoadResult[]; problems: string[]; load: string };

const p50 = (result: LoadResult | undefined, route: TimedRoute) => (result ? percentile(result.latencies[route], 50) : Number.NaN);
const rate = (result: LoadResult) => result.flows / result.seconds;

/** One run's tables: every target and level beside the reference, then where one request's time goes. */
export function printRun(reports: Report[]): void {
  const reference = reports.find((r) => r.target === "reference");
  const rows = reports.flatMap((report) =>
    report.results.map((result, i) => {
      const ref = reference?.results[i];
      return [
        `${report.target} ×${result.concurrency}`,
        rate(result).toFixed(1),
        ref ? `${((100 * rate(result)) / rate(ref)).toFixed(0)} %` : "-",
        ...timedRoutes.map((r) => `${ms(p50(result, r))}/${ms(percentile(result.latencies[r], 99))}`),
        ...(["approve", "complete"] as const).map((r) => (ref ? `+${ms(p50(result, r) - p50(ref, r))}` : "-")),
        report.costs ? timedRoutes.map((r) => report.costs?.[r].statements).join("/") : "-",
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
}

/**
 * What the targets are judged on, from one run: Δp50 at one Pioneer, and the best rates (NaN for a
 * target that did not run). The PostgreSQL rate is one instance's, as the reference is one process;
 * two instances' is shown beside it, not judged.
 */
export type Verdict = { deltas: Record<string, number>; pgBest: number; x2Best: number; refBest: number; nextRefBest: number };

export function verdictOf(reports: Report[]): Verdict {
  const best = (name: string) => {
    const results = reports.find((r) => r.target === name)?.results ?? [];
    return results.length ? Math.max(...results.map(rate)) : Number.NaN;
  };
  const one = (name: string) => reports.find((r) => r.target === name)?.results.find((r) => r.concurrency === 1);
  const deltas: Record<string, number> = {};
  for (const name of ["pglite", "postgres"]) {
    for (const route of ["approve", "complete"] as const) deltas[`${name} ${route}`] = p50(one(name), route) - p50(one("reference"), route);
  }
  return { deltas, pgBest: best("postgres"), x2Best: best("postgres-x2"), refBest: best("reference"), nextRefBest: best("next-reference") };
}

/**
 * The targets' lines, judged on the median of the runs' figures (one run: its own figures). The
 * same build's figures move between runs minutes apart, so one run is one sample.
 */
export function checkLines(verdicts: Verdict[], reports: Report[]): string[] {
  // A target that did not run (--only) is judged on nothing: its line says so.
  const deltaLines = Object.keys(verdicts[0]?.deltas ?? {}).map((key) => {
    const values = verdicts.map((v) => v.deltas[key] ?? Number.NaN);
    const delta = median(values);
    if (Number.isNaN(delta)) return `${key} p50 at 1 Pioneer: not measured in this bench (target ≤ 5 ms over the reference)`;
    const each = verdicts.length > 1 ? ` [${values.map((v) => `+${ms(v)}`).join(", ")}]` : "";
    return `${key} p50 at 1 Pioneer is +${ms(delta)} ms over the reference${each} (target ≤ 5): ${delta <= 5 ? "met" : "NOT met"}`;
  });
  const pgBest = median(verdicts.map((v) => v.pgBest));
  const share = median(verdicts.map((v) => v.pgBest / v.refBest));
  const refBest = median(verdicts.map((v) => v.refBest));
  const each = verdicts.length > 1 ? ` [${verdicts.map((v) => v.pgBest.toFixed(1)).join(", ")}]` : "";
  const nextRefBest = median(verdicts.map((v) => v.nextRefBest));
  const nextShare = median(verdicts.map((v) => v.pgBest / v.nextRefBest));
  const x2Best = median(verdicts.map((v) => v.x2Best));
  const rateLine = Number.isNaN(pgBest)
    ? "PostgreSQL (one instance) best: not measured in this bench (targets ≥ 100 flows/s and ≥ 40 % of the reference)"
    : `PostgreSQL (one instance) best ${pgBest.toFixed(1)} flows/s${each} (target ≥ 100): ${pgBest >= 100 ? "met" : "NOT met"}; ${Number.isNaN(share) ? "?" : (100 * share).toFixed(0)} % of the reference's ${refBest.toFixed(1)} (target ≥ 40 %): ${share >= 0.4 ? "met" : "NOT met"}`;
  const ofNext =
    !Number.isNaN(nextRefBest) && !Number.isNaN(pgBest)
      ? [`PostgreSQL best is ${(100 * nextShare).toFixed(0)} % of the Next.js yardstick's ${nextRefBest.toFixed(1)} flows/s, which is ${((100 * nextRefBest) / refBest).toFixed(0)} % of the reference's (not a target: the same routes in a bare route handler, what Next.js alone reaches here)`]
      : [];
  const twoInstances = !Number.isNaN(x2Best)
    ? [`Two instances on one PostgreSQL: best ${x2Best.toFixed(1)} flows/s${Number.isNaN(pgBest) ? "" : `, ${(x2Best / pgBest).toFixed(2)}× one instance's`} (not judged: on one machine they share its cores)`]
    : [];
  return [
    ...(verdicts.length > 1 ? [`Judged on the median of ${verdicts.length} runs (each run's figure in brackets):`] : []),
    ...deltaLines,
    rateLine,
    ...ofNext,
    ...twoInstances,
    `integrity: ${reports.every((r) => r.problems.length === 0) ? "ok, 0 errors" : reports.flatMap((r) => r.problems.map((p) => `${r.target}: ${p}`)).join("; ")}`,
  ];
}
