/** Everything a request could change, read in one go: every table of the app's database, and Pi's payments. */
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/lib/db";
import * as schema from "@/lib/db/schema";
import type { Emulator } from "../../helpers/app";

/** Every table in the schema, so a table added later is watched without editing this file. */
export const tableNames: readonly string[] = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table));

/** Every row of `tables`, in a stable order, as one JSON text (one round trip per snapshot). */
export async function readTables(tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const pairs = tables.map((name) => `'${name}', (select coalesce(json_agg(r order by r::text), '[]'::json) from "${name}" r)`);
  const result = await (await getDb()).execute(sql.raw(`select json_build_object(${pairs.join(", ")})::text as snapshot`));
  const [row] = (result as { rows: { snapshot: string }[] }).rows;
  if (!row) throw new Error("the snapshot query returned no row");
  return JSON.parse(row.snapshot) as Record<string, unknown[]>;
}

/** The database rows of `tables` and the payments Pi holds. */
export async function snapshot(emulator: Emulator, tables: readonly string[]) {
  const [database, pi] = await Promise.all([readTables(tables), emulator.control<{ payments: unknown[] }>("GET", "/control/payments")]);
  return { database, piPayments: pi.body.payments };
}
