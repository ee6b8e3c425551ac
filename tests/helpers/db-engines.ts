/**
 * Runs database tests on both engines: PGlite (the default database) and real PostgreSQL (the
 * throwaway server of tests/setup/global-postgres.ts). Without PostgreSQL installed (never under
 * CI, where the global setup fails instead) the PostgreSQL variant is skipped.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, inject } from "vitest";
import { closeDb, createDatabase, getDb, type Database, type DatabaseHandle, type Engine } from "@/lib/db/client";
import { resetEnv } from "@/lib/config/server";

export type { Engine };
export const engines = ["pglite", "postgres"] as const satisfies readonly Engine[];

export interface TestDatabase {
  /** postgres:// URL of a new, empty database. */
  url: string;
  /** Drops it, closing any connection still open. */
  drop(): Promise<void>;
}

/** Creates an empty database `t_<random>` on the test server, so test files can run in parallel. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject("testDatabaseUrl");
  if (!serverUrl) throw new Error("No PostgreSQL test server (see tests/setup/global-postgres.ts).");
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`drop database if exists "${name}" with (force)`) };
}

/** The `describe` to use for an engine: PostgreSQL is skipped only when no server exists (outside CI). */
function describeFor(engine: Engine) {
  return engine === "postgres" && inject("testDatabaseUrl") === null ? describe.skip : describe;
}

export interface EngineSuite {
  engine: Engine;
  /** The suite's own migrated database, opened on first call and closed (PostgreSQL: dropped) after the suite. */
  getDb: () => Promise<Database>;
  /** The same, with `engine`, `migrations`, `migrate()` and `close()`. */
  getHandle: () => Promise<DatabaseHandle>;
}

/**
 * Declares `<title> [pglite]` and `<title> [postgres]` with the same body. Share the database across
 * the file's tests (PGlite takes ~3–5 s to start) and reset tables in `beforeEach`.
 */
export function describeEachEngine(title: string, body: (suite: EngineSuite) => void): void {
  describeEngines(engines, title, body);
}

/**
 * For what only a real server can show, such as queries racing on separate connections (PGlite
 * runs one query at a time, so a race there always has one winner).
 */
export function describePostgres(title: string, body: (suite: EngineSuite) => void): void {
  describeEngines(["postgres"], title, body);
}

function describeEngines(list: readonly Engine[], title: string, body: (suite: EngineSuite) => void): void {
  for (const engine of list) {
    describeFor(engine)(`${title} [${engine}]`, () => {
      let handle: Promise<DatabaseHandle> | undefined;
      let testDatabase: TestDatabase | undefined;

      const open = async () => {
        if (engine === "pglite") return createDatabase({ pgliteDir: "memory://" });
        testDatabase = await createTestDatabase();
        return createDatabase({ databaseUrl: testDatabase.url, pgliteDir: "memory://" });
      };
      const getHandle = () => (handle ??= open());

      afterAll(async () => {
        await handle?.then((h) => h.close(), () => undefined);
        await testDatabase?.drop();
      });

      body({ engine, getHandle, getDb: () => getHandle().then((h) => h.db) });
    });
  }
}

const ENV_KEYS = ["DATABASE_URL", "PGLITE_DIR"] as const;

/**
 * Points the app's own `getDb()` at `engine` for the enclosing `describe`, through configuration
 * as in production: PostgreSQL sets DATABASE_URL to a fresh database; PGlite unsets it and sets
 * PGLITE_DIR=memory://. The database is opened and migrated in `beforeAll`; `afterAll` closes it,
 * restores the environment and drops the PostgreSQL database. Call it inside `describeEachEngine`
 * (which skips PostgreSQL when there is no server) or inside your own `describe`.
 */
export function useEngineEnv(engine: Engine): void {
  const saved = new Map<string, string | undefined>();
  let testDatabase: TestDatabase | undefined;

  beforeAll(async () => {
    for (const key of ENV_KEYS) saved.set(key, process.env[key]);
    if (engine === "postgres") {
      testDatabase = await createTestDatabase();
      process.env.DATABASE_URL = testDatabase.url;
      delete process.env.PGLITE_DIR;
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DIR = "memory://";
    }
    resetEnv();
    await getDb(); // start and migrate here rather than inside the first test
  });

  afterAll(async () => {
    await closeDb();
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnv();
    await testDatabase?.drop();
  });
}
