// `npm run bench -- --overhead`: what one request costs before any Pi call, one request at a time,
// from a bare node:http server up to our routes: how much of the app's gap to the reference is the
// framework's, and how much is ours (the route wrapper, the session lookup, each statement).
import { startBaselineProject } from "../perf/baseline";
import { emulatorUrl, perfPorts, piEnv } from "../perf/env";
import { newPioneer, signIn, type Target } from "../perf/flow";
import { request } from "../perf/http-client";
import { startEmulatorProcess, stopEverything } from "../perf/processes";
import { startPostgres } from "./postgres";
import { percentile, table } from "./stats";
import { startTarget } from "./targets";

const warmUp = 100;
const timed = 1000;

async function time(send: () => Promise<{ status: number; ms: number }>, expected: number): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await send();
  const samples: number[] = [];
  for (let i = 0; i < timed; i++) {
    const answer = await send();
    if (answer.status !== expected) throw new Error(`answered ${answer.status}, expected ${expected}`);
    samples.push(answer.ms);
  }
  return samples;
}

export async function measureOverhead(postgresPort: number) {
  await startEmulatorProcess();
  const postgres = startPostgres(postgresPort);
  try {
    const reference = await startTarget({ name: "reference", kind: "reference" }, null, piEnv);
    const { origin: bare } = await startBaselineProject();
    const app = await startTarget({ name: "overhead", kind: "app", engine: "postgres", instances: 1, env: { RATE_LIMIT_API_PER_MINUTE: "0" } }, postgres.url, piEnv);
    // As deployed: the API limit on (high enough never to refuse), so the session lookup also counts the request.
    const limited = await startTarget({ name: "overhead-limited", kind: "app", engine: "postgres", port: perfPorts.app2, env: { RATE_LIMIT_API_PER_MINUTE: "1000000" } }, postgres.url, piEnv);
    const [origin] = app.origins as [string];
    const [limitedOrigin] = limited.origins as [string];
    const bearer = async (at: string) => {
      const target: Target = { origins: [at], emulator: emulatorUrl };
      return { Authorization: `Bearer ${(await signIn(target, (await newPioneer(target, "overhead")).accessToken)).sessionToken}` };
    };
    const auth = await bearer(origin);
    const limitedAuth = await bearer(limitedOrigin);

    const cases: { what: string; send: () => Promise<{ status: number; ms: number }>; status: number }[] = [
      { what: "node:http, a JSON answer (the reference's GET /api/health)", send: () => request("GET", `${reference.origins[0]}/api/health`), status: 200 },
      { what: "Next.js route handler, a JSON answer (bare project's GET /api/bare)", send: () => request("GET", `${bare}/api/bare`), status: 200 },
      { what: "ours: GET /api/health (route wrapper, log line, select 1)", send: () => request("GET", `${origin}/api/health`), status: 200 },
      { what: "ours: GET /api/auth/session (the session lookup)", send: () => request("GET", `${origin}/api/auth/session`, undefined, auth), status: 200 },
      { what: "ours: POST /api/orders (session lookup, body, order insert)", send: () => request("POST", `${origin}/api/orders`, { productId: "coffee" }, auth), status: 201 },
      { what: "ours: POST /api/orders, request limit on (the lookup also counts it)", send: () => request("POST", `${limitedOrigin}/api/orders`, { productId: "coffee" }, limitedAuth), status: 201 },
    ];
    const rows: string[][] = [];
    for (const { what, send, status } of cases) {
      const samples = await time(send, status);
      rows.push([what, percentile(samples, 50).toFixed(2), percentile(samples, 90).toFixed(2), percentile(samples, 99).toFixed(2)]);
    }
    console.log(`\nOne request at a time over keep-alive, ${timed} each after ${warmUp} unmeasured; PostgreSQL for ours, request limits off unless the row says so.`);
    console.log(table(["request", "p50 ms", "p90 ms", "p99 ms"], rows));
  } finally {
    await stopEverything();
    postgres.stop();
  }
}
