import "server-only";
import { AppError } from "@/lib/contract";
import { getDb, type Database } from "@/lib/db";
import type { Order } from "@/lib/db/schema";
import { claimUnsettledOrders, releaseClaim } from "@/lib/db/repositories/orders";
import { getPaymentsEnv, getPiEnv } from "@/lib/config/server";
import { logError } from "@/lib/log";
import { piApi } from "@/lib/pi/platform-api";
import type { PiPayment } from "@/lib/pi/mappers";
import { transitionOrder } from "./order-states";
import { ensurePiStep, readBoundPayment } from "./pi-steps";
import { markNeedsReview, markOrderCancelled, settlePayment } from "./settlement";
import { decideBound, decideUnbound, type SweepAction, type SweepClock } from "./sweep-rules";

export type ReconcileCounts = {
  examined: number;
  paid: number;
  cancelled: number;
  expired: number;
  needsReview: number;
  /** Checks that failed (Pi or the database did not answer); retried by a later run. */
  failed: number;
};

export type ReconcileOptions = {
  /** Only this Pioneer's orders (the app-open check); every Pioneer's otherwise. */
  userUid?: string;
  /** Leave orders younger than this to the live flow (RECONCILE_AFTER_SECONDS for the sweep). */
  olderThanMs?: number;
  /** Stop starting new work after this long. */
  budgetMs?: number;
  now?: () => Date;
};

const pageSize = 20;
const parallel = 4;
/** A claim outlives the slowest single check (reads retry within ~8 s, each step has PI_API_TIMEOUT_MS). */
const claimMs = 2 * 60 * 1000;
/**
 * A check that failed waits this long before a scheduled sweep tries the order again, so it cannot
 * crowd others out. The Pioneer's own check on app open does not wait: they are here now.
 */
const retryAfterMs = 5 * 60 * 1000;

/**
 * Settles unsettled orders from Pi's records, oldest first, within a time budget: what Pi completed
 * is delivered once, a transaction Pi holds is completed then delivered, an abandoned payment is
 * cancelled with Pi, an order nobody paid expires, and what can never settle goes to review. Orders
 * are claimed first, so two runs at once never act on the same order.
 */
export async function reconcileOrders(options: ReconcileOptions = {}): Promise<ReconcileCounts> {
  const now = options.now ?? (() => new Date());
  const db = await getDb();
  const counts: ReconcileCounts = { examined: 0, paid: 0, cancelled: 0, expired: 0, needsReview: 0, failed: 0 };
  const deadline = now().getTime() + (options.budgetMs ?? 50_000);
  let afterId: string | undefined;
  while (now().getTime() < deadline) {
    const started = now();
    const page = await claimUnsettledOrders(db, {
      createdBefore: new Date(started.getTime() - (options.olderThanMs ?? 0)),
      now: started,
      until: new Date(started.getTime() + claimMs),
      limit: pageSize,
      ...(options.userUid ? { userUid: options.userUid } : {}),
      ...(afterId ? { afterId } : {}),
      skipRetryLater: !options.userUid,
    });
    if (page.length === 0) break;
    for (let i = 0; i < page.length; i += parallel) {
      const batch = now().getTime() < deadline ? page.slice(i, i + parallel) : [];
      await Promise.all(batch.map((order) => settleOne(db, order, counts, now)));
      // Past the deadline: give the rest back at once rather than when their claim runs out.
      if (batch.length === 0) await Promise.all(page.slice(i).map((order) => releaseClaim(db, order.id)));
    }
    afterId = page[page.length - 1]?.id;
  }
  return counts;
}

async function settleOne(db: Database, order: Order, counts: ReconcileCounts, now: () => Date): Promise<void> {
  counts.examined += 1;
  try {
    const outcome = await act(db, order, { now: now(), orderTtlMs: getPaymentsEnv().orderTtlMs });
    if (outcome) counts[outcome] += 1;
    await releaseClaim(db, order.id);
  } catch (error) {
    counts.failed += 1;
    logError("payments.reconcile_failed", { orderId: order.id, paymentId: order.piPaymentId, error: error instanceof Error ? error.name : "error", code: error instanceof AppError ? error.code : null });
    await releaseClaim(db, order.id, new Date(now().getTime() + retryAfterMs)).catch(() => undefined);
  }
}

type Outcome = "paid" | "cancelled" | "expired" | "needsReview" | null;

async function act(db: Database, order: Order, clock: SweepClock): Promise<Outcome> {
  if (!order.piPaymentId) return apply(db, order, null, decideUnbound(order, clock));
  const payment = await readBoundPayment(order.piPaymentId);
  const action = decideBound(order, payment, getPiEnv().network, clock);
  if (action.kind !== "cancel_with_pi" || !payment) return apply(db, order, payment, action);
  try {
    await ensurePiStep(payment.id, () => piApi.cancel(payment.id), (p) => p.cancelled);
  } catch (error) {
    // The Pioneer signed between our read and the cancel: decide again from Pi's new record.
    if (!(error instanceof AppError && error.code === "pi_refused")) throw error;
    const fresh = await readBoundPayment(payment.id);
    return apply(db, order, fresh, decideBound(order, fresh, getPiEnv().network, clock));
  }
  return apply(db, order, payment, { kind: "record_cancelled" });
}

async function apply(db: Database, order: Order, payment: PiPayment | null, action: SweepAction): Promise<Outcome> {
  switch (action.kind) {
    case "leave":
    case "cancel_with_pi":
      return null;
    case "expire":
      return (await transitionOrder(db, order.id, "awaiting_payment", "expired", { unbound: true })) ? "expired" : null;
    case "record_cancelled": {
      const view = await markOrderCancelled(db, order, order.piPaymentId ?? "");
      return view.status === "cancelled" ? "cancelled" : null;
    }
    case "settle": {
      if (!payment) return null;
      const view = await settlePayment(db, { ...payment, txid: action.txid }, order);
      return view.status === "paid" ? "paid" : null;
    }
    case "review":
      return (await markNeedsReview(db, order, action.reason, payment)) ? "needsReview" : null;
  }
}
