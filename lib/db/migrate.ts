/**
 * Applies the committed migrations in lib/db/migrations: drizzle's migrator on PGlite, our own
 * transaction on PostgreSQL (same bookkeeping), so that it is safe behind a pooler.
 *
 * Deliberately free of `server-only`: `npm run db:migrate` (tsx) and drizzle tooling run outside
 * Next's react-server condition, where that import throws. The app reaches this module only
 * through lib/db/client.ts, which is server-only. Drivers are imported dynamically, so only the
 * engine in use is ever loaded.
 */
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/** Where a database lives: PostgreSQL when `databaseUrl` is set, otherwise PGlite at `pgliteDir`. */
export interface DbConfig {
  databaseUrl?: string | undefined;
  /** A directory (created if missing) or `memory://`. */
  pgliteDir: string;
  /** Most PostgreSQL connections this process opens at once (default 10). */
  poolMax?: number | undefined;
}

export type Engine = "postgres" | "pglite";

export interface MigrationResult {
  /** Migrations applied by this run; 0 when the database was already up to date. */
  applied: number;
  /** Migrations recorded in the database after this run. */
  total: number;
}

const MIGRATIONS_SCHEMA = "drizzle";
const MIGRATIONS_TABLE = "__drizzle_migrations";
const migrationsTable = `"${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}"`;
// Any constant works as long as every instance uses the same one. A transaction's lock, released
// by its COMMIT: a pooler in transaction mode keeps a transaction on one server connection, while a
// session's lock could be taken on one connection and "released" on another.
const LOCK_SQL = `select pg_advisory_xact_lock(hashtext('pi-next-starter:migrations'))`;

/**
 * Resolved from the working directory: Next (dev, start, and Vercel functions) runs from the
 * project root, and bundling would break `import.meta.url`-relative paths. On Vercel, add
 * `lib/db/migrations/**` to `outputFileTracingIncludes` so the files are deployed.
 */
/** How many migrations the repository holds (what a fully migrated database has applied). */
export async function migrationsInRepository(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries?: unknown[] };
  return journal.entries?.length ?? 0;
}

export function migrationsFolder(): string {
  return path.join(process.cwd(), "lib", "db", "migrations");
}

/** The PGlite data directory argument: `memory://` as is, otherwise an absolute path that exists. */
export async function preparePgliteDir(pgliteDir: string): Promise<string> {
  if (pgliteDir.startsWith("memory://")) return pgliteDir;
  const dir = path.resolve(pgliteDir);
  await mkdir(dir, { recursive: true });
  return dir;
}

type Query = (text: string) => Promise<{ rows: Record<string, unknown>[] }>;

/** What migratePostgres needs of a connection: `pg`'s Client and PoolClient, or a pooler's. */
export interface SqlClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** How many migrations the database records, and the newest one's timestamp (-1 for none). */
async function appliedState(query: Query): Promise<{ count: number; newest: number }> {
  const { rows: found } = await query(`select to_regclass('${MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}') is not null as present`);
  if (found[0]?.present !== true) return { count: 0, newest: -1 };
  const { rows } = await query(`select count(*)::int as n, coalesce(max(created_at), -1) as newest from ${migrationsTable}`);
  return { count: Number(rows[0]?.n ?? 0), newest: Number(rows[0]?.newest ?? -1) };
}

/**
 * Migrates PostgreSQL: all pending migrations in one transaction, under a transaction advisory lock,
 * so that instances starting together apply them one at a time (the later ones then find nothing
 * to do). Drizzle's own bookkeeping (the same table, hashes and timestamps as its migrator), so a
 * database migrated before keeps its history. A database already up to date takes no lock.
 * The connection must not be shared while this runs.
 */
export async function migratePostgres(client: SqlClient): Promise<MigrationResult> {
  const { readMigrationFiles } = await import("drizzle-orm/migrator");
  const migrations = readMigrationFiles({ migrationsFolder: migrationsFolder() });
  const query: Query = (text) => client.query(text);
  // Drizzle's rule: a migration is pending when it is newer than the newest the database recorded.
  const before = await appliedState(query);
  if (before.newest >= (migrations.at(-1)?.folderMillis ?? -1)) return { applied: 0, total: before.count };
  await client.query("begin");
  try {
    await client.query(LOCK_SQL);
    await client.query(`create schema if not exists "${MIGRATIONS_SCHEMA}"`);
    await client.query(`create table if not exists ${migrationsTable} (id serial primary key, hash text not null, created_at bigint)`);
    const { newest: last } = await appliedState(query);
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= last) continue;
      for (const statement of migration.sql) await client.query(statement);
      await client.query(`insert into ${migrationsTable} (hash, created_at) values ($1, $2)`, [migration.hash, migration.folderMillis]);
      applied += 1;
    }
    const { count: total } = await appliedState(query);
    await client.query("commit");
    return { applied, total };
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  }
}

/** Migrates a PGlite instance (single connection, single process: no lock needed). */
export async function migratePglite(client: PGlite): Promise<MigrationResult> {
  const [{ drizzle }, { migrate }] = await Promise.all([import("drizzle-orm/pglite"), import("drizzle-orm/pglite/migrator")]);
  const query: Query = (text) => client.query<Record<string, unknown>>(text);
  const { count: before } = await appliedState(query);
  await migrate(drizzle({ client }), { migrationsFolder: migrationsFolder() });
  const { count: total } = await appliedState(query);
  return { applied: total - before, total };
}

/** Opens the configured database, applies pending migrations and closes it: `npm run db:migrate`. */
export async function migrateDatabase(config: DbConfig): Promise<MigrationResult & { engine: Engine }> {
  if (config.databaseUrl) {
    const { Client } = await import("pg");
    const client = new Client({ connectionString: config.databaseUrl });
    await client.connect();
    try {
      return { engine: "postgres", ...(await migratePostgres(client)) };
    } finally {
      await client.end();
    }
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const client = await PGlite.create(await preparePgliteDir(config.pgliteDir));
  try {
    return { engine: "pglite", ...(await migratePglite(client)) };
  } finally {
    await client.close();
  }
}
