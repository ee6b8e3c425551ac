import { describe, expect, it } from "vitest";
import type { LoadResult } from "@/scripts/bench/load";
import { median } from "@/scripts/bench/stats";
import { checkLines, verdictOf, type Report } from "@/scripts/bench/summary";

function result(concurrency: number, flowsPerSecond: number, approveMs: number, completeMs: number): LoadResult {
  return { concurrency, flows: flowsPerSecond * 10, seconds: 10, errors: [], latencies: { signin: [1], order: [1], approve: [approveMs], complete: [completeMs] } };
}

function report(target: string, results: LoadResult[], problems: string[] = []): Report {
  return { target, costs: null, detail: null, piCalls: { max: 4, mean: 4, me: 1 }, results, problems, load: "" };
}

/** One run of the bench: the reference, and the app on PGlite and PostgreSQL at 1 and 8 Pioneers. */
function run(appApproveMs: number, postgresBest: number): Report[] {
  return [
    report("reference", [result(1, 180, 1, 1), result(8, 280, 7, 7)]),
    report("pglite", [result(1, 40, appApproveMs + 1, appApproveMs + 1), result(8, 50, 40, 40)]),
    report("postgres", [result(1, 45, appApproveMs, appApproveMs), result(8, postgresBest, 30, 30)]),
  ];
}

describe("the bench's verdict on the targets", () => {
  it("judges one run on its own figures", () => {
    const lines = checkLines([verdictOf(run(4, 90))], run(4, 90));
    expect(lines).toContain("postgres approve p50 at 1 Pioneer is +3.0 ms over the reference (target ≤ 5): met");
    expect(lines).toContain("pglite complete p50 at 1 Pioneer is +4.0 ms over the reference (target ≤ 5): met");
    expect(lines).toContain("PostgreSQL (one instance) best 90.0 flows/s (target ≥ 100): NOT met; 32 % of the reference's 280.0 (target ≥ 40 %): NOT met");
    expect(lines.at(-1)).toBe("integrity: ok, 0 errors");
  });

  it("judges several runs on their median, one fast run among slow ones does not pass", () => {
    const runs = [run(4, 87), run(12, 51), run(13, 53)];
    const lines = checkLines(runs.map(verdictOf), runs.flat());
    expect(lines[0]).toBe("Judged on the median of 3 runs (each run's figure in brackets):");
    expect(lines).toContain("postgres approve p50 at 1 Pioneer is +11 ms over the reference [+3.0, +11, +12] (target ≤ 5): NOT met");
    expect(lines).toContain("PostgreSQL (one instance) best 53.0 flows/s [87.0, 51.0, 53.0] (target ≥ 100): NOT met; 19 % of the reference's 280.0 (target ≥ 40 %): NOT met");
  });

  it("names the target whose purchases broke integrity", () => {
    const broken = [...run(4, 90).slice(0, 2), report("postgres", [result(1, 45, 4, 4)], ["order o1 paid twice"])];
    expect(checkLines([verdictOf(broken)], broken).at(-1)).toBe("integrity: postgres: order o1 paid twice");
  });

  it("sets the best PostgreSQL rate beside the Next.js yardstick's, when it ran, without judging it", () => {
    expect(checkLines([verdictOf(run(4, 90))], run(4, 90)).join("\n")).not.toContain("Next.js yardstick");
    const withNext = [...run(4, 90), report("next-reference", [result(1, 100, 2, 2), result(8, 120, 9, 9)])];
    expect(checkLines([verdictOf(withNext)], withNext)).toContain(
      "PostgreSQL best is 75 % of the Next.js yardstick's 120.0 flows/s, which is 43 % of the reference's (not a target: the same routes in a bare route handler, what Next.js alone reaches here)",
    );
  });

  it("judges the rate on one instance, as the reference is one process, and shows two instances' beside it", () => {
    const withTwo = [...run(4, 90), report("postgres-x2", [result(1, 40, 5, 5), result(8, 130, 30, 30)])];
    const lines = checkLines([verdictOf(withTwo)], withTwo);
    expect(lines).toContain("PostgreSQL (one instance) best 90.0 flows/s (target ≥ 100): NOT met; 32 % of the reference's 280.0 (target ≥ 40 %): NOT met");
    expect(lines).toContain("Two instances on one PostgreSQL: best 130.0 flows/s, 1.44× one instance's (not judged: on one machine they share its cores)");
  });

  it("says a target that did not run was not measured, rather than NOT met", () => {
    const referenceOnly = [report("reference", [result(8, 280, 7, 7)])];
    const lines = checkLines([verdictOf(referenceOnly)], referenceOnly);
    expect(lines).toContain("postgres approve p50 at 1 Pioneer: not measured in this bench (target ≤ 5 ms over the reference)");
    expect(lines).toContain("PostgreSQL (one instance) best: not measured in this bench (targets ≥ 100 flows/s and ≥ 40 % of the reference)");
    expect(lines.join("\n")).not.toContain("NOT met");
  });
});

describe("the median the bench and Lighthouse judge on", () => {
  it("is the middle figure of an odd count, and the mean of the middle two of an even one", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([90, 96, 98, 91])).toBe(93.5);
    expect(median([Number.NaN, 5, 7])).toBe(6);
  });
});
