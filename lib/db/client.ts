import "server-only";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { migratePglite, migratePostgres, preparePgliteDir, type DbConfig, type Engine, type MigrationResult } from "@/lib/db/migrate";
import { withPreparedStatements } from "@/lib/db/pglite-prepared";
import * as schema from "@/lib/db/schema";
import { getDbEnv } from "@/lib/config/server";
import { logError } from "@/lib/log";

export type { DbConfig, Engine, MigrationResult };

/**
 * One type for both engines. Query builders, `returning()`, `onConflictDo*` and `transaction()`
 * behave the same on node-postgres and PGlite; only raw `db.execute()` results differ by driver
 * (both have `.rows`), so prefer the query builder.
 */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/**
 * The `tx` of `db.transaction(async (tx) => …)`. It is itself a `Database`, so helpers taking a
 * `Database` accept it. Inside the callback use only `tx`: PGlite has one connection, so a query
 * on `db` (or `getDb()`) there waits for the transaction to end, which waits for it: a hang.
 */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  db: Database;
  engine: Engine;
  /** What the migration run of `createDatabase` applied (`applied` equals `total` on an empty database). */
  migrations: MigrationResult;
  /** Applies pending migrations again; a no-op when the database is up to date. */
  migrate(): Promise<MigrationResult>;
  /** Ends the pool or closes PGlite. */
  close(): Promise<void>;
}

/**
 * Opens a database and applies pending migrations before handing it out: node-postgres (a pool of
 * `poolMax`, default 10)
 * when `databaseUrl` is set, otherwise PGlite at `pgliteDir` (created if missing; `memory://` for
 * a throwaway one). Each call opens a new database; the app uses `getDb()`.
 */
export async function createDatabase(config: DbConfig): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.poolMax ?? defaultPoolMax) : openPglite(config.pgliteDir);
}

/** Applies migrations before a database is handed out; on failure it is closed, not leaked. */
async function migrateOrClose(migrate: () => Promise<MigrationResult>, close: () => Promise<void>): Promise<MigrationResult> {
  try {
    return await migrate();
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/**
 * Each request holds a connection only for its own statements (never across a call to Pi), so a
 * few connections serve many Pioneers; at 32 concurrent purchases 5 left requests queueing for one
 * (docs/PERFORMANCE.md). Behind a pooler (Neon's pooled URL, PgBouncer) this is per instance.
 */
const defaultPoolMax = 10;

async function openPostgres(databaseUrl: string, poolMax: number): Promise<DatabaseHandle> {
  const [{ Pool }, { drizzle }] = await Promise.all([import("pg"), import("drizzle-orm/node-postgres")]);
  const pool = new Pool({ connectionString: databaseUrl, max: poolMax });
  // An idle connection dropped by the server emits "error" on the pool; unhandled, it kills the process.
  pool.on("error", (error) => logError("db.idle_connection_failed", { error: error.name, cause: error.message }));

  const migrate = async () => {
    const client = await pool.connect();
    try {
      const result = await migratePostgres(client);
      client.release();
      return result;
    } catch (error) {
      client.release(true); // discard it: its transaction may not have ended
      throw error;
    }
  };

  const migrations = await migrateOrClose(migrate, () => pool.end());
  const db: Database = drizzle({ client: pool, schema });
  return { db, engine: "postgres", migrations, migrate, close: () => pool.end() };
}

async function openPglite(pgliteDir: string): Promise<DatabaseHandle> {
  const [{ PGlite }, { drizzle }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite")]);
  const client = await PGlite.create(await preparePgliteDir(pgliteDir));
  const migrate = () => migratePglite(client);

  const migrations = await migrateOrClose(migrate, () => client.close());
  const db: Database = drizzle({ client: withPreparedStatements(client), schema });
  return { db, engine: "pglite", migrations, migrate, close: () => client.close() };
}

// Cached on globalThis so Next's dev hot reloads (which re-evaluate this module) keep one database
// per process, and keyed by configuration so tests that switch DATABASE_URL/PGLITE_DIR get theirs.
const CACHE = Symbol.for("pi-next-starter.db");
type DbGlobal = typeof globalThis & { [CACHE]?: Map<string, Promise<DatabaseHandle>> };

function cache(): Map<string, Promise<DatabaseHandle>> {
  return ((globalThis as DbGlobal)[CACHE] ??= new Map<string, Promise<DatabaseHandle>>());
}

function cacheKey({ databaseUrl, pgliteDir }: DbConfig): string {
  if (databaseUrl) return `postgres:${databaseUrl}`;
  return `pglite:${pgliteDir.startsWith("memory://") ? pgliteDir : path.resolve(pgliteDir)}`;
}

/** The app's database with what opened it: the engine and the migration run (diagnostics). */
export function getDbHandle(): Promise<DatabaseHandle> {
  const config = getDbEnv();
  const key = cacheKey(config);
  const databases = cache();
  let entry = databases.get(key);
  if (!entry) {
    entry = createDatabase(config);
    databases.set(key, entry);
    const started = entry;
    started.catch(() => {
      if (databases.get(key) === started) databases.delete(key);
    });
  }
  return entry;
}

/**
 * The app's database, from `DATABASE_URL` / `PGLITE_DIR` (see lib/config/server.ts). Opened and
 * migrated on first use, then shared. A failed start is not cached, so the next call retries.
 */
export async function getDb(): Promise<Database> {
  return (await getDbHandle()).db;
}

/** Closes every database `getDb()` opened in this process (tests, scripts, shutdown). */
export async function closeDb(): Promise<void> {
  const databases = cache();
  const entries = [...databases.values()];
  databases.clear();
  await Promise.all(entries.map((entry) => entry.then((handle) => handle.close(), () => undefined)));
}
