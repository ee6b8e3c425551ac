import { request } from "../perf/http-client";
import { buy, newPioneer, signIn, timedRoutes, type Target, type TimedRoute } from "../perf/flow";

/**
 * Database statements per request, read from the counter preloaded into the instance
 * (count-queries.mjs) after each request of a few purchases made one at a time.
 */
export async function statementsPerRoute(target: Target, counterPort: number, purchases = 3) {
  const counter = `http://127.0.0.1:${counterPort}/`;
  const read = async () => (await request<Record<string, number>>("GET", counter)).body;
  const total = async () => Object.values(await read()).reduce((a, b) => a + b, 0);
  const single: Target = { ...target, origins: target.origins.slice(0, 1) };
  const perRoute = Object.fromEntries(timedRoutes.map((r) => [r, [] as number[]])) as Record<TimedRoute, number[]>;
  const detail: Record<string, Record<string, number>> = {};
  for (let i = 0; i < purchases; i++) {
    const pioneer = await newPioneer(single, `count-${process.pid}-${i}`);
    await read();
    const { sessionToken } = await signIn(single, pioneer.accessToken);
    const steps = ["order", "approve", "complete"] as const;
    let step = 0;
    if (i === 0) detail.signin = await read();
    else perRoute.signin.push(await total());
    await buy(single, { accessToken: pioneer.accessToken, sessionToken }, "coffee", async () => {
      const route = steps[step++] as TimedRoute;
      // The first purchase gives the statement-by-statement breakdown; the others only count.
      if (i === 0) detail[route] = await read();
      else perRoute[route].push(await total());
    });
  }
  for (const route of timedRoutes) perRoute[route].push(Object.values(detail[route] ?? {}).reduce((a, b) => a + b, 0));
  return { perRoute: Object.fromEntries(timedRoutes.map((r) => [r, Math.max(...perRoute[r])])) as Record<TimedRoute, number>, detail };
}
