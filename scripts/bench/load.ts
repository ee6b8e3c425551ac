import { FlowError, purchaseFlow, timedRoutes, type Target, type TimedRoute } from "../perf/flow";

export type LoadResult = { concurrency: number; flows: number; seconds: number; errors: string[]; latencies: Record<TimedRoute, number[]> };

let serial = 0;

/**
 * `concurrency` Pioneers, each buying again as soon as a purchase ends (a closed loop), for
 * `seconds`: bounded in time, and in count by `maxFlows`. A failed flow is an error, never retried.
 */
export async function runLoad(target: Target, concurrency: number, seconds: number, maxFlows = 20_000): Promise<LoadResult> {
  const latencies = Object.fromEntries(timedRoutes.map((r) => [r, [] as number[]])) as Record<TimedRoute, number[]>;
  const errors: string[] = [];
  let flows = 0;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + seconds * 1000;
  async function pioneer() {
    while (performance.now() < deadline && started < maxFlows) {
      started++;
      try {
        const result = await purchaseFlow(target, `bench-${process.pid}-${++serial}`);
        for (const route of timedRoutes) latencies[route].push(result.ms[route]);
        flows++;
      } catch (error) {
        errors.push(error instanceof FlowError || error instanceof Error ? error.message : String(error));
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, pioneer));
  return { concurrency, flows, seconds: (performance.now() - begin) / 1000, errors, latencies };
}
