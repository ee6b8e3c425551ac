// @vitest-environment node
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql, type SQL } from "drizzle-orm";
import { beforeAll, beforeEach, expect, it } from "vitest";
import { createDatabase, type Database, type DatabaseHandle } from "@/lib/db/client";
import { migratePostgres, migrationsFolder } from "@/lib/db/migrate";
import { fulfilments, orders, sessions, users } from "@/lib/db/schema";
import { sqlState } from "@/lib/db/errors";
import { transitionOrder } from "@/lib/payments/order-states";
import { bindPayment } from "@/lib/db/repositories/orders";
import { createTestDatabase, describeEachEngine, describePostgres } from "@/tests/helpers/db-engines";

const journal = JSON.parse(readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
const migrationCount = journal.entries.length;

/** Raw SQL rows; both drivers return `{ rows }`. */
async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

/** Awaits `promise` expecting it to fail with SQLSTATE `code`. */
async function expectSqlState(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected SQLSTATE ${code}, but the query succeeded`).toBeDefined();
  expect(sqlState(error)).toBe(code);
}

/**
 * A client that behaves as a pooler in transaction mode: each statement outside a transaction may
 * run on another server connection (here: the next of `size`), a transaction stays on one.
 */
async function transactionPooler(url: string, size: number) {
  const { Client } = await import("pg");
  const connections = await Promise.all(
    Array.from({ length: size }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  let next = 0;
  let pinned: (typeof connections)[number] | null = null;
  return {
    async query(text: string, values?: unknown[]) {
      const connection = pinned ?? connections[next++ % size]!;
      if (/^\s*begin/i.test(text)) pinned = connection;
      if (/^\s*(commit|rollback)/i.test(text)) pinned = null;
      return connection.query<Record<string, unknown>>(text, values);
    },
    end: () => Promise.all(connections.map((c) => c.end())),
  };
}

describeEachEngine("database", ({ engine, getHandle }) => {
  let handle: DatabaseHandle;
  let db: Database;

  beforeAll(async () => {
    handle = await getHandle();
    db = handle.db;
  });

  beforeEach(async () => {
    await db.execute(sql`truncate users, sessions, orders, fulfilments, payment_reviews cascade`);
    await db.insert(users).values({ uid: "u1", username: "alice" });
  });

  const newOrder = async (values: Partial<typeof orders.$inferInsert> = {}) => {
    const [order] = await db
      .insert(orders)
      .values({ userUid: "u1", productId: "p1", amount: "1", memo: "test", ...values })
      .returning();
    if (!order) throw new Error("no order returned");
    return order;
  };

  it("applies every migration to an empty database on open", () => {
    expect(migrationCount).toBeGreaterThan(0);
    expect(handle.migrations).toEqual({ applied: migrationCount, total: migrationCount });
  });

  it("treats a second migration run as a no-op", async () => {
    expect(await handle.migrate()).toEqual({ applied: 0, total: migrationCount });
    const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(row?.n).toBe(migrationCount);
  });

  if (engine === "postgres") {
    it("lets instances that start together migrate one at a time (advisory lock)", async () => {
      const fresh = await createTestDatabase();
      try {
        const started = await Promise.allSettled(
          Array.from({ length: 3 }, () => createDatabase({ databaseUrl: fresh.url, pgliteDir: "memory://" })),
        );
        const handles = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
        await Promise.all(handles.map((h) => h.close()));
        expect(started.filter((s) => s.status === "rejected")).toEqual([]);
        expect(handles.map((h) => h.migrations.applied).sort()).toEqual([0, 0, migrationCount]);
      } finally {
        await fresh.drop();
      }
    });

    it("migrates behind a transaction pooler (Neon's -pooler host, PgBouncer) and leaves no lock behind", async () => {
      const fresh = await createTestDatabase();
      const pooler = await transactionPooler(fresh.url, 3);
      try {
        expect(await migratePostgres(pooler)).toEqual({ applied: migrationCount, total: migrationCount });
        const [held] = (await pooler.query("select count(*)::int as n from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())")).rows;
        expect(held).toEqual({ n: 0 });
        expect(await migratePostgres(pooler)).toEqual({ applied: 0, total: migrationCount });
      } finally {
        await pooler.end();
        await fresh.drop();
      }
    });

    it("applies a migration newer than the newest recorded, even when as many are recorded as the repository holds", async () => {
      const fresh = await createTestDatabase();
      const { Client } = await import("pg");
      const client = new Client({ connectionString: fresh.url });
      await client.connect();
      try {
        await migratePostgres(client);
        // The last two migrations undone (0006 made the index), and two older ones of another branch recorded in their place.
        await client.query("drop index fulfilments_user_uid_idx");
        await client.query("delete from drizzle.__drizzle_migrations where created_at in (select created_at from drizzle.__drizzle_migrations order by created_at desc limit 2)");
        await client.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ('another-branch-1', 1), ('another-branch-2', 2)");
        expect(await migratePostgres(client)).toEqual({ applied: 2, total: migrationCount + 2 });
        const { rows } = await client.query("select to_regclass('fulfilments_user_uid_idx') is not null as present");
        expect(rows[0]).toEqual({ present: true });
      } finally {
        await client.end();
        await fresh.drop();
      }
    });
  }

  it("creates the tables", async () => {
    const tables = await rows<{ table_name: string }>(
      db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(["ad_rewards", "fulfilments", "orders", "payment_reviews", "payout_wallets", "payouts", "rate_limits", "reconcile_runs", "sessions", "users"]);
  });

  it("finds what one Pioneer owns through an index, not by reading everyone's deliveries", async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      return rows<{ "QUERY PLAN": string }>(tx, sql`explain select * from fulfilments where user_uid = 'u1' order by created_at`);
    });
    expect(plan.map((line) => line["QUERY PLAN"]).join("\n")).toContain("fulfilments_user_uid_idx");
  });

  it("keeps orders.pi_payment_id and orders.txid unique", async () => {
    await newOrder({ piPaymentId: "pay-1", txid: "tx-1" });
    await expectSqlState(newOrder({ piPaymentId: "pay-1" }), "23505");
    await expectSqlState(newOrder({ txid: "tx-1" }), "23505");
    // NULLs are distinct: many orders may await a payment id.
    await newOrder();
    await newOrder();
  });

  it("binds nothing to a payment another order holds, inside a transaction too, and the transaction still commits", async () => {
    await newOrder({ piPaymentId: "pay-1" });
    const free = await newOrder();
    const bound = await db.transaction(async (tx) => {
      const result = await bindPayment(tx, free.id, "pay-1");
      await tx.update(users).set({ username: "after" }).where(eq(users.uid, "u1"));
      return result;
    });
    expect(bound).toBeNull();
    const [alice] = await db.select({ username: users.username }).from(users).where(eq(users.uid, "u1"));
    expect(alice?.username).toBe("after");
    expect(await bindPayment(db, free.id, "pay-1")).toBeNull();
  });

  it("keeps sessions.token_hash unique", async () => {
    const session = { tokenHash: "h1", userUid: "u1", expiresAt: new Date(Date.now() + 60_000) };
    await db.insert(sessions).values(session);
    await expectSqlState(db.insert(sessions).values(session), "23505");
  });

  it("keeps one fulfilment per order", async () => {
    const order = await newOrder();
    await db.insert(fulfilments).values({ orderId: order.id, userUid: "u1", productId: "p1" });
    await expectSqlState(db.insert(fulfilments).values({ orderId: order.id, userUid: "u1", productId: "p1" }), "23505");
    const skipped = await db
      .insert(fulfilments)
      .values({ orderId: order.id, userUid: "u1", productId: "p1" })
      .onConflictDoNothing()
      .returning();
    expect(skipped).toEqual([]);
  });

  it("rejects an unknown order status (orders_status_check)", async () => {
    const order = await newOrder();
    await expectSqlState(db.execute(sql`update orders set status = 'refunded' where id = ${order.id}`), "23514");
  });

  it("rolls back a transaction that throws", async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ uid: "u2", username: null });
        await tx.update(users).set({ username: "renamed" }).where(eq(users.uid, "u1"));
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const all = await db.select({ uid: users.uid, username: users.username }).from(users);
    expect(all).toEqual([{ uid: "u1", username: "alice" }]);
  });

  it("upserts with onConflictDoUpdate … returning()", async () => {
    const [row] = await db
      .insert(users)
      .values({ uid: "u1", username: "alice2" })
      .onConflictDoUpdate({ target: users.uid, set: { username: "alice2" } })
      .returning();
    expect(row).toMatchObject({ uid: "u1", username: "alice2" });
    expect(row?.createdAt).toBeInstanceOf(Date);
  });

  it("round-trips numeric(20,7) amounts exactly, as strings", async () => {
    for (const amount of ["3.1415926", "0.0000001", "1234567890123.1234567"]) {
      const order = await newOrder({ amount });
      const [row] = await db.select({ amount: orders.amount }).from(orders).where(eq(orders.id, order.id));
      expect(row?.amount).toBe(amount);
      expect(order.amount).toBe(amount);
    }
    // The column has scale 7, so shorter inputs come back padded.
    expect((await newOrder({ amount: "1.5" })).amount).toBe("1.5000000");
    // More than 7 decimals is rounded by PostgreSQL, not truncated by JavaScript.
    expect((await newOrder({ amount: "0.12345678" })).amount).toBe("0.1234568");
  });
});

describePostgres("order transitions racing on separate connections", ({ getHandle }) => {
  it("let exactly one of 5 concurrent transitions of the same order win", async () => {
    const { db } = await getHandle();
    await db.insert(users).values({ uid: "racer", username: null }).onConflictDoNothing();
    const [order] = await db.insert(orders).values({ userUid: "racer", productId: "coffee", amount: "1", memo: "A coffee" }).returning();
    if (!order) throw new Error("no order");
    // The pool has 5 connections: each transition runs on its own, truly at once.
    const results = await Promise.all(Array.from({ length: 5 }, () => transitionOrder(db, order.id, "awaiting_payment", "approved")));
    expect(results.filter((row) => row !== null)).toHaveLength(1);
    const [row] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, order.id));
    expect(row?.status).toBe("approved");
  });
});
