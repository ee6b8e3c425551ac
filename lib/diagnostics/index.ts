import "server-only";
import { getPiEnv, getSiteEnv, startupProblems } from "@/lib/config/server";
import { publicEnv } from "@/lib/config/public";
import { getDbHandle } from "@/lib/db";
import { migrationsInRepository } from "@/lib/db/migrate";
import { listOrdersNeedingAttention, listPaymentReviews, newestBoundOrders } from "@/lib/db/repositories/orders";
import { lastReconcileRun } from "@/lib/db/repositories/reconcile-runs";
import { signInLimit } from "@/lib/limits";
import type { AttentionItem, Check, PayoutDiagnostics } from "@/lib/contract";
import type { Order } from "@/lib/db/schema";
import { PiApiError } from "@/lib/pi/errors";
import { piApi } from "@/lib/pi/platform-api";
import { configurationCheck, databaseCheck, keyNetworkCheck, networkCheck, reconcilerCheck, serverKeyCheck, signInLimitCheck, validationKeyCheck, type KeyProbe } from "./checks";
import { collectPayoutReport } from "./payouts";

export type DiagnosticsReport = {
  checks: Check[];
  /** Orders in needs_review. */
  needsReview: AttentionItem[];
  /** Unsettled orders older than a few minutes: the reconciler should have settled them. */
  stale: AttentionItem[];
  /** Payments resolved without a matching order, for a person to look at. */
  reviews: AttentionItem[];
  payouts: PayoutDiagnostics;
};

/** Unsettled orders younger than this are normal: a Pioneer may be paying right now. */
const staleAfterMs = 10 * 60 * 1000;

const asItem = (order: Order): AttentionItem => ({
  orderId: order.id,
  piPaymentId: order.piPaymentId,
  status: order.status,
  amount: order.amount,
  memo: order.memo,
  at: order.createdAt.toISOString(),
});

/** One harmless call with the server key tells whether Pi accepts it. */
async function probeKey(): Promise<KeyProbe> {
  try {
    await piApi.incompleteServerPayments();
    return { accepted: true };
  } catch (error) {
    if (error instanceof PiApiError && error.kind === "rejected") return { accepted: false, reason: "refused", status: error.status };
    return { accepted: false, reason: "unreachable", status: error instanceof PiApiError ? error.status : 0 };
  }
}

/** The network Pi records on payments made with this key, from the first of `paymentIds` it shows us; null without one. */
async function networkOfKey(paymentIds: readonly string[]): Promise<string | null> {
  for (const piPaymentId of paymentIds) {
    const network = await piApi.getPayment(piPaymentId).then((payment) => payment.network ?? null, () => null);
    if (network) return network;
  }
  return null;
}

/** Everything /debug shows, read now. Pi and the database are each asked once per check. */
export async function collectDiagnostics(now = new Date()): Promise<DiagnosticsReport> {
  const production = process.env.NODE_ENV === "production";
  const { network } = getPiEnv();
  const { validationKey, cronSecret } = getSiteEnv();
  const handle = await getDbHandle();
  const { db } = handle;
  const [probe, newest, applied, inRepository, lastRun, attention, stale, reviews, payouts] = await Promise.all([
    probeKey(),
    newestBoundOrders(db, 3),
    handle.migrate().then((result) => result.total),
    migrationsInRepository(),
    lastReconcileRun(db),
    listOrdersNeedingAttention(db, ["needs_review"], now),
    listOrdersNeedingAttention(db, ["awaiting_payment", "approved"], new Date(now.getTime() - staleAfterMs)),
    listPaymentReviews(db),
    collectPayoutReport(db),
  ]);
  const checks = [
    configurationCheck(startupProblems({ ...process.env, NODE_ENV: "production" }), production),
    networkCheck(network, publicEnv.NEXT_PUBLIC_PI_SANDBOX),
    serverKeyCheck(probe),
    keyNetworkCheck(network, await networkOfKey([...newest.flatMap((order) => order.piPaymentId ?? []), ...reviews.slice(0, 3).map((review) => review.piPaymentId)])),
    validationKeyCheck(validationKey),
    databaseCheck(handle.engine, applied, inRepository, production),
    reconcilerCheck(lastRun, Boolean(cronSecret), now),
    signInLimitCheck(signInLimit(), production),
  ];
  return {
    checks,
    needsReview: attention.map(asItem),
    stale: stale.map(asItem),
    reviews: reviews.map((review) => ({
      orderId: null,
      piPaymentId: review.piPaymentId,
      status: review.outcome,
      amount: review.amount,
      memo: review.memo,
      at: review.createdAt.toISOString(),
      reason: review.reason,
    })),
    payouts,
  };
}
