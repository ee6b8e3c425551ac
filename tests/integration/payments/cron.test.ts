// @vitest-environment node
import { afterEach, beforeEach, expect, it } from "vitest";
import { GET as cronGET } from "@/app/api/cron/reconcile/route";
import { getDb } from "@/lib/db";
import { insertSession } from "@/lib/db/repositories/sessions";
import { reconcileRuns, sessions } from "@/lib/db/schema";
import { resetEnv } from "@/lib/config/server";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { fulfilmentsOf, orderRow, shop } from "../../helpers/shop";

const secret = "cron-secret-for-tests-0123456789";

describeEachEngine("GET /api/cron/reconcile", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);
  const cron = (authorization?: string) => call<ErrorBody & { counts: Record<string, number> }>(cronGET, "GET", "/api/cron/reconcile", { headers: authorization ? { Authorization: authorization } : {} });

  beforeEach(() => {
    process.env.CRON_SECRET = secret;
    process.env.RECONCILE_AFTER_SECONDS = "0";
    resetEnv();
  });
  afterEach(() => {
    delete process.env.CRON_SECRET;
    delete process.env.RECONCILE_AFTER_SECONDS;
    resetEnv();
  });

  it("answers 503 while no CRON_SECRET is configured", async () => {
    delete process.env.CRON_SECRET;
    resetEnv();
    const { status, body } = await cron(`Bearer ${secret}`);
    expect([status, body.error.code]).toEqual([503, "cron_not_configured"]);
  });

  it.each([undefined, "Bearer", `Bearer ${secret}x`, `Bearer ${secret.slice(0, -1)}`, `Basic ${secret}`, secret])("refuses %s with 401", async (authorization) => {
    const { status, body } = await cron(authorization);
    expect([status, body.error.code]).toEqual([401, "unauthenticated"]);
  });

  it("with the secret, settles what Pi finished, deletes dead sessions and records the run", async () => {
    const alice = await s.pioneer("cron-alice");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    await s.approve(alice, payment.identifier);
    await s.sign(payment.identifier);
    const db = await getDb();
    await insertSession(db, { tokenHash: "expired-session", userUid: alice.uid, expiresAt: new Date(Date.now() - 1000) });

    const { status, body } = await cron(`Bearer ${secret}`);
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ paid: 1, failed: 0 });
    expect(body.counts.sessionsDeleted).toBeGreaterThanOrEqual(1);
    expect((await orderRow(order.id))?.status).toBe("paid");
    expect(await fulfilmentsOf(order.id)).toHaveLength(1);
    const hashes = (await db.select().from(sessions)).map((row) => row.tokenHash);
    expect(hashes).not.toContain("expired-session");
    // Alice's live session survives.
    expect((await s.orders(alice)).status).toBe(200);
    const runs = await db.select().from(reconcileRuns);
    expect(runs.at(-1)).toMatchObject({ trigger: "cron", counts: expect.objectContaining({ paid: 1 }) as unknown });
  });
});
