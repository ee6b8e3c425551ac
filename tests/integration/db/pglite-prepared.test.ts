// @vitest-environment node
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sqlState } from "@/lib/db/errors";
import { withPreparedStatements } from "@/lib/db/pglite-prepared";

let pg: PGlite;
let prepared: PGlite;

// One PGlite for the file (starting one takes seconds); each test gets an empty table, no prepared
// statement left from the one before, and a new wrapper.
beforeAll(async () => {
  pg = await PGlite.create("memory://");
});

beforeEach(async () => {
  await pg.exec(`deallocate all; drop table if exists items; create table items (id text primary key, qty int not null, price numeric(20, 7), at timestamptz, paid boolean, meta jsonb)`);
  prepared = withPreparedStatements(pg);
});

afterAll(async () => {
  await pg.close();
});

/** The statements this wrapper holds prepared (PGlite's own `query` leaves only unnamed ones). */
async function preparedTexts(): Promise<string[]> {
  const { rows } = await pg.query<{ statement: string }>(`select statement from pg_prepared_statements where name like 'app_s%' order by prepare_time`);
  return rows.map((row) => row.statement);
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the statement to fail");
    },
    (error: unknown) => error,
  );
}

const insert = "insert into items (id, qty, price, at, paid, meta) values ($1, $2, $3, $4, $5, $6) returning *";
const at = new Date("2026-12-03T04:05:06.789Z");

describe("PGlite with statements prepared once", () => {
  it("answers exactly what PGlite's own query answers, for every kind of parameter and both row modes", async () => {
    const params = [["a", 2, "1.5", at, true, { sku: "coffee", n: [1, 2] }], ["b", 0, null, null, false, null]];
    for (const row of params) {
      const ours = await prepared.query(insert, row);
      await pg.query("delete from items where id = $1", [row[0]]);
      const theirs = await pg.query(insert, row);
      expect(ours).toEqual(theirs);
    }
    const select = "select id, qty, price, at, paid, meta from items where qty >= $1 and at is distinct from $2 order by id";
    for (const options of [{ rowMode: "array" as const }, { rowMode: "object" as const, parsers: { 1184: (value: string) => `raw:${value}` } }]) {
      const ours = await prepared.query(select, [0, new Date(0)], options);
      expect(ours.rows).toHaveLength(2);
      expect(ours).toEqual(await pg.query(select, [0, new Date(0)], options));
    }
  });

  it("prepares a statement the first time and reuses it after", async () => {
    for (let i = 0; i < 5; i++) await prepared.query(insert, [`item-${i}`, i, "1", at, false, null]);
    expect(await preparedTexts()).toEqual([insert]);
    expect((await pg.query("select count(*)::int as n from items")).rows).toEqual([{ n: 5 }]);
  });

  it("runs a statement made outside a transaction only after the open one ends", async () => {
    let counted: Promise<unknown> | undefined;
    await expect(
      prepared.transaction(async (tx) => {
        await tx.query(insert, ["in-tx", 1, "1", at, false, null]);
        counted = prepared.query("select count(*)::int as n from items");
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    // Had it slipped into the transaction, it would have counted the row the rollback removed.
    expect(await counted).toMatchObject({ rows: [{ n: 0 }] });
  });

  it("keeps a transaction's statements inside it, committed together or not at all", async () => {
    await prepared.transaction(async (tx) => {
      await tx.query(insert, ["x", 1, "1", at, false, null]);
      await tx.query(insert, ["y", 1, "1", at, false, null]);
    });
    const error = await failure(
      prepared.transaction(async (tx) => {
        await tx.query(insert, ["z", 1, "1", at, false, null]);
        await tx.query(insert, ["x", 1, "1", at, false, null]);
      }),
    );
    expect(sqlState(error)).toBe("23505");
    expect((await prepared.query<{ id: string }>("select id from items order by id")).rows.map((row) => row.id)).toEqual(["x", "y"]);
  });

  it("reports errors with their SQLSTATE and stays usable after them", async () => {
    await prepared.query(insert, ["dup", 1, "1", at, false, null]);
    expect(sqlState(await failure(prepared.query(insert, ["dup", 1, "1", at, false, null])))).toBe("23505");
    expect(sqlState(await failure(prepared.query("selec 1")))).toBe("42601");
    expect(sqlState(await failure(prepared.query("select qty from items where qty = $1", ["not a number"])))).toBe("22P02");
    expect((await prepared.query("select qty from items where id = $1", ["dup"])).rows).toEqual([{ qty: 1 }]);
  });

  it("closes the least recently used statement beyond its limit", async () => {
    const small = withPreparedStatements(pg, { maxStatements: 2 });
    const [a, b, c] = ["select 1 as n", "select 2 as n", "select 3 as n"];
    await small.query(a);
    await small.query(b);
    await small.query(a); // a is now the most recently used
    await small.query(c);
    expect(await preparedTexts()).toEqual([a, c]);
    expect((await small.query(b)).rows).toEqual([{ n: 2 }]);
    expect(await preparedTexts()).toEqual([c, b]);
  });

  it("prepares a statement again when it was deallocated under it", async () => {
    await prepared.query("select qty from items where id = $1", ["none"]);
    await pg.exec("deallocate all");
    await prepared.query(insert, ["after", 3, "1", at, false, null]);
    expect((await prepared.query("select qty from items where id = $1", ["after"])).rows).toEqual([{ qty: 3 }]);
  });
});
