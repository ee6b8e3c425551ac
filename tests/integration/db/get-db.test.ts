// @vitest-environment node
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { resetEnv } from "@/lib/config/server";
import { describeEachEngine, useEngineEnv } from "@/tests/helpers/db-engines";

describe("getDb() with PGLITE_DIR (the dev default)", () => {
  let tmp: string;
  const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DIR: process.env.PGLITE_DIR };

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), "pglite-test-"));
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = path.join(tmp, "nested", "pglite");
    resetEnv();
  });

  afterAll(async () => {
    await closeDb();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnv();
    await rm(tmp, { recursive: true, force: true });
  });

  it("creates the directory, shares one database and persists data across close and reopen", async () => {
    const db = await getDb();
    expect((await stat(path.join(tmp, "nested", "pglite"))).isDirectory()).toBe(true);
    expect(await getDb()).toBe(db);
    await db.insert(users).values({ uid: "persisted", username: "bob" });

    await closeDb();
    const reopened = await getDb();
    expect(reopened).not.toBe(db);
    const [row] = await reopened.select({ username: users.username }).from(users).where(eq(users.uid, "persisted"));
    expect(row?.username).toBe("bob");
  });

  it("retries after a failed start instead of caching the failure", async () => {
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/none";
    resetEnv();
    await expect(getDb()).rejects.toThrow();
    delete process.env.DATABASE_URL;
    resetEnv();
    await expect(getDb()).resolves.toBeDefined();
  });
});

// What route-handler tests do: configure the app's getDb() per engine, then call the handlers.
describeEachEngine("getDb() through configuration", ({ engine }) => {
  useEngineEnv(engine);

  it("opens a migrated database of that engine", async () => {
    const db = await getDb();
    expect(await getDb()).toBe(db);
    const result: unknown = await db.execute(sql`select current_database() as name`);
    const [info] = (result as { rows: { name: string }[] }).rows;
    if (engine === "postgres") expect(info?.name).toMatch(/^t_[0-9a-f]+$/);
    else expect(info?.name).not.toMatch(/^t_/);
    await db.insert(users).values({ uid: "u1", username: null });
    expect(await db.select().from(users)).toHaveLength(1);
  });
});
