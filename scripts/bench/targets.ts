import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import pg from "pg";
import { startBaselineProject } from "../perf/baseline";
import { perfPorts } from "../perf/env";
import { assertPortFree, startApp, startProcess, stopProcess, waitFor } from "../perf/processes";
import type { Ledger } from "./integrity";
import { referenceProducts } from "./reference-server";
import { benchCronSecret } from "./shared-state";

/**
 * What the bench runs against: the app on PGlite or PostgreSQL (one or two instances), or a
 * yardstick: the bare node:http reference, or the same routes in a bare Next.js route handler.
 */
export type TargetSpec = {
  name: string;
  kind: "app" | "reference" | "next-reference";
  engine?: "pglite" | "postgres";
  instances?: number;
  /** One instance on this port instead of the usual ones, with these settings over the bench's own. */
  port?: number;
  env?: Record<string, string>;
};

export type RunningTarget = { origins: string[]; counterPort: number | null; ledger: () => Promise<Ledger | null>; stop: () => Promise<void> };

/**
 * Bench instances run as deployed: the request limits at their defaults, counted in the session
 * lookup. Behind a trusted proxy (TRUST_PROXY=true), each sign-in comes from its own address
 * (scripts/perf/flow.ts), as Pioneers' phones do, so the per-address sign-in limit is never one
 * load driver's. The scheduled reconciler is callable (scripts/bench/shared-state.ts) and takes
 * every order at once; nothing calls it during the load.
 */
export const benchEnv = { TRUST_PROXY: "true", CRON_SECRET: benchCronSecret, RECONCILE_AFTER_SECONDS: "0" };
const counterPort = (appPort: number) => appPort + 100;
const preload = "--import ./scripts/bench/request-probe.mjs";

async function readLedger(query: (sql: string) => Promise<{ rows: unknown[] }>): Promise<Ledger> {
  const orders = await query("select id, status, pi_payment_id, txid from orders");
  const fulfilments = await query("select order_id from fulfilments");
  return { orders: orders.rows as Ledger["orders"], fulfilments: fulfilments.rows as Ledger["fulfilments"] };
}

let databases = 0;

export async function startTarget(spec: TargetSpec, postgresUrl: string | null, piEnv: Record<string, string>): Promise<RunningTarget> {
  if (spec.kind === "reference") {
    await assertPortFree(perfPorts.reference, "the reference");
    const child = startProcess("reference", "node_modules/.bin/tsx", ["scripts/bench/reference-main.ts"], { ...process.env, ...piEnv, REFERENCE_PORT: String(perfPorts.reference) });
    await waitFor(`http://127.0.0.1:${perfPorts.reference}/api/health`, child, "reference");
    return { origins: [`http://127.0.0.1:${perfPorts.reference}`], counterPort: null, ledger: () => Promise.resolve(null), stop: () => stopProcess(child) };
  }
  if (spec.kind === "next-reference") {
    const project = await startBaselineProject({ ...piEnv, REFERENCE_PRODUCTS: JSON.stringify(referenceProducts()) });
    return { origins: [project.origin], counterPort: null, ledger: () => Promise.resolve(null), stop: project.stop };
  }
  const ports = spec.port ? [spec.port] : [perfPorts.app, perfPorts.app2].slice(0, spec.instances ?? 1);
  let dbEnv: Record<string, string>;
  let ledger: () => Promise<Ledger>;
  const children: ChildProcess[] = [];
  if (spec.engine === "postgres") {
    if (!postgresUrl) throw new Error("no PostgreSQL");
    // A fresh database per target, so each integrity check sees only its own purchases.
    const url = new URL(postgresUrl);
    url.pathname = `/bench_${++databases}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${url.pathname.slice(1)}`);
    await admin.end();
    dbEnv = { DATABASE_URL: url.href };
    ledger = async () => {
      const client = new pg.Client({ connectionString: url.href });
      await client.connect();
      try {
        return await readLedger((sql) => client.query(sql));
      } finally {
        await client.end();
      }
    };
  } else {
    const dir = `.data/perf-bench-${++databases}`;
    rmSync(dir, { recursive: true, force: true });
    dbEnv = { PGLITE_DIR: dir, PGLITE_IN_PRODUCTION: "true", DATABASE_URL: "" };
    // A PGlite directory belongs to one process: read it once the instance has stopped, then remove it.
    ledger = async () => {
      await Promise.all(children.map(stopProcess));
      const { PGlite } = await import("@electric-sql/pglite");
      const db = await PGlite.create(dir);
      try {
        return await readLedger((sql) => db.query(sql));
      } finally {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
  for (const [i, port] of ports.entries()) {
    // One after the other: PostgreSQL migrations take an advisory lock anyway.
    children.push(await startApp(`app-${spec.name.replace(/\W+/g, "")}-${i + 1}`, port, { ...piEnv, ...benchEnv, ...spec.env, ...dbEnv, BENCH_QUERY_COUNTER_PORT: String(counterPort(port)) }, preload));
  }
  return {
    origins: ports.map((port) => `http://localhost:${port}`),
    counterPort: counterPort(ports[0] ?? perfPorts.app),
    ledger,
    stop: async () => {
      await Promise.all(children.map(stopProcess));
    },
  };
}
