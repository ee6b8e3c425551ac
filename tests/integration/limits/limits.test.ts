// @vitest-environment node
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { GET as ordersGET } from "@/app/api/orders/route";
import { getDb } from "@/lib/db";
import { rateLimits } from "@/lib/db/schema";
import { resetEnv } from "@/lib/config/server";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { shop } from "../../helpers/shop";

const limits = { RATE_LIMIT_API_PER_MINUTE: "3", RATE_LIMIT_SIGNIN_PER_MINUTE: "2" };

describeEachEngine("request limits", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);

  beforeAll(() => {
    Object.assign(process.env, limits);
    resetEnv();
  });
  afterAll(() => {
    for (const name of [...Object.keys(limits), "TRUST_PROXY"]) delete process.env[name];
    resetEnv();
  });
  beforeEach(async () => {
    delete process.env.TRUST_PROXY;
    resetEnv();
    await (await getDb()).delete(rateLimits);
  });

  const accessToken = async (username: string) =>
    (await emulator().control<{ accessToken: string }>("POST", "/control/users", { username })).body.accessToken;
  const signInFrom = async (address: string | null, username = "limited") =>
    call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", {
      body: { accessToken: await accessToken(username) },
      headers: address ? { "X-Forwarded-For": `203.0.113.9, ${address}` } : {},
    });

  it("answers a Pioneer over the limit 429 with Retry-After, and leaves other Pioneers alone", async () => {
    const alice = await s.pioneer("limit-alice");
    const bob = await s.pioneer("limit-bob");
    await (await getDb()).delete(rateLimits);
    for (let i = 0; i < 3; i++) expect((await s.orders(alice)).status).toBe(200);
    const over = await s.orders(alice);
    expect(over.status).toBe(429);
    expect((over.body as unknown as ErrorBody).error.code).toBe("rate_limited");
    const retryAfter = Number(over.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The limit covers every order and payment route, and changed nothing.
    expect((await s.approve(alice, "A".repeat(28))).status).toBe(429);
    expect((await s.orders(bob)).status).toBe(200);
  });

  it("spends nothing of a Pioneer's limit on a read another site started with their cookie", async () => {
    const alice = await s.pioneer("limit-cross-site");
    await (await getDb()).delete(rateLimits);
    const read = (site: string) => call<ErrorBody>(ordersGET, "GET", "/api/orders", { cookie: alice.sessionToken, headers: { "Sec-Fetch-Site": site } });
    for (let i = 0; i < 5; i++) {
      const foreign = await read("cross-site");
      expect([foreign.status, foreign.body.error.code]).toEqual([403, "forbidden_origin"]);
    }
    for (let i = 0; i < 3; i++) expect((await read("same-origin")).status).toBe(200);
    expect((await read("same-origin")).status).toBe(429);
  });

  it("limits sign-ins per client address behind a trusted proxy", async () => {
    process.env.TRUST_PROXY = "true";
    resetEnv();
    expect((await signInFrom("198.51.100.1")).status).toBe(200);
    expect((await signInFrom("198.51.100.1")).status).toBe(200);
    const over = await signInFrom("198.51.100.1");
    expect([over.status, over.body.error.code]).toEqual([429, "rate_limited"]);
    expect(over.headers.get("retry-after")).toMatch(/^\d+$/);
    // Another address is its own; a forged first hop does not matter.
    expect((await signInFrom("198.51.100.2")).status).toBe(200);
  });

  it("without a trusted address, every client shares one larger sign-in counter", async () => {
    for (let i = 0; i < 20; i++) expect((await signInFrom(`198.51.100.${i}`)).status).toBe(200);
    expect((await signInFrom("198.51.100.99")).status).toBe(429);
  });

  it("turns a limit off with 0", async () => {
    process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = "0";
    resetEnv();
    for (let i = 0; i < 25; i++) expect((await signInFrom(null)).status).toBe(200);
    process.env.RATE_LIMIT_SIGNIN_PER_MINUTE = limits.RATE_LIMIT_SIGNIN_PER_MINUTE;
    resetEnv();
  });

  it("keeps its counters in an unlogged table, so counting a request never waits for a durable commit", async () => {
    // Both drivers answer raw statements with `{ rows }`.
    const result: unknown = await (await getDb()).execute(sql`select relpersistence from pg_class where relname = 'rate_limits'`);
    expect((result as { rows: unknown[] }).rows).toEqual([{ relpersistence: "u" }]);
  });
});
