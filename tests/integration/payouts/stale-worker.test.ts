// @vitest-environment node
// A worker that outlived its lease holds an old copy of a payout. If another worker rebuilt and
// resent the payout meanwhile, the old copy must not move it: the stored hash is what settles it.
import { eq } from "drizzle-orm";
import { beforeEach, expect, it } from "vitest";
import { payouts, users } from "@/lib/db/schema";
import { move, type WorkerContext } from "@/lib/payouts/context";
import { describeEachEngine } from "../../helpers/db-engines";

describeEachEngine("a payout worker past its lease", ({ getDb }) => {
  beforeEach(async () => {
    const db = await getDb();
    await db.delete(payouts);
    await db.insert(users).values({ uid: "stale-worker-pioneer", username: "stale" }).onConflictDoNothing();
  });

  it("cannot move a payout whose envelope another worker replaced, and still moves one whose envelope it holds", async () => {
    const db = await getDb();
    const [row] = await db
      .insert(payouts)
      .values({ businessKey: "refund:stale", userUid: "stale-worker-pioneer", amount: "1", memo: "Refund", status: "submitted", piPaymentId: "pay-stale", txid: "hash-1", envelopeXdr: "xdr-1", envelopes: 1 })
      .returning();
    if (!row) throw new Error("no payout inserted");
    const ctx = { db, counts: { payoutsCompleted: 0, payoutsNeedConsent: 0, payoutsFailed: 0, payoutsWaiting: 0 } } as unknown as WorkerContext;
    const staleCopy = { ...row };

    // Meanwhile another worker rebuilt the payout and resent it: still submitted, another hash.
    await db.update(payouts).set({ txid: "hash-2", envelopeXdr: "xdr-2", envelopes: 2 }).where(eq(payouts.id, row.id));

    const moved = await move(ctx, staleCopy, "created", { envelopeXdr: null, txid: null, validUntil: null, failedTransactions: 1, lastError: "failed_on_chain" });
    expect(moved).toBeNull();
    const [after] = await db.select().from(payouts).where(eq(payouts.id, row.id));
    expect(after).toMatchObject({ status: "submitted", txid: "hash-2", envelopeXdr: "xdr-2", failedTransactions: 0 });

    expect(await move(ctx, after!, "on_chain", { lastError: null })).toMatchObject({ status: "on_chain", txid: "hash-2" });
  });
});
