import { request } from "../perf/http-client";
import { buy, newPioneer, signIn, timedRoutes, type Target, type TimedRoute } from "../perf/flow";
import { median } from "./stats";

/** What one request did and waited for, as the probe preloaded into the instance saw it. */
type Probe = { statements: Record<string, number>; dbMs: number; piMs: number; piCalls: number };

/** One route's request, one at a time: its time as the client saw it, and what of it was waiting. */
export type RouteCost = { statements: number; ms: number; dbMs: number; piMs: number; piCalls: number };

/**
 * Where one request's time goes: `purchases` purchases made one at a time, the probe
 * (request-probe.mjs) read after each request. Statements and Pi calls are the most any purchase
 * made; times are medians. The first purchase also gives the statements by text.
 */
export async function requestCosts(target: Target, counterPort: number, purchases = 20) {
  const counter = `http://127.0.0.1:${counterPort}/`;
  const read = async () => (await request<Probe>("GET", counter)).body;
  const single: Target = { ...target, origins: target.origins.slice(0, 1) };
  const samples = Object.fromEntries(timedRoutes.map((r) => [r, [] as (Probe & { ms: number })[]])) as Record<TimedRoute, (Probe & { ms: number })[]>;
  const detail: Record<string, Record<string, number>> = {};
  for (let i = 0; i < purchases; i++) {
    const pioneer = await newPioneer(single, `probe-${process.pid}-${i}`);
    await read();
    const session = await signIn(single, pioneer.accessToken);
    const probes: Probe[] = [await read()];
    const bought = await buy(single, { accessToken: pioneer.accessToken, sessionToken: session.sessionToken }, "coffee", async () => {
      probes.push(await read());
    });
    const ms = { signin: session.ms, ...bought.ms };
    timedRoutes.forEach((route, step) => {
      const probe = probes[step] as Probe;
      samples[route].push({ ...probe, ms: ms[route] });
      if (i === 0) detail[route] = probe.statements;
    });
  }
  const total = (statements: Record<string, number>) => Object.values(statements).reduce((a, b) => a + b, 0);
  const perRoute = Object.fromEntries(
    timedRoutes.map((route) => {
      const s = samples[route];
      const cost: RouteCost = {
        statements: Math.max(...s.map((p) => total(p.statements))),
        ms: median(s.map((p) => p.ms)),
        dbMs: median(s.map((p) => p.dbMs)),
        piMs: median(s.map((p) => p.piMs)),
        piCalls: Math.max(...s.map((p) => p.piCalls)),
      };
      return [route, cost];
    }),
  ) as Record<TimedRoute, RouteCost>;
  return { perRoute, detail, purchases };
}
