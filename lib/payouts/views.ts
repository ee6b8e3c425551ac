import type { PayoutItem, RefundStatus, RefundView } from "@/lib/contract";
import type { Payout } from "@/lib/db/schema";
import { normalizeAmount } from "@/lib/pi/amount";
import { paidAfterClose } from "./rules";

/**
 * The business key of an order's refund: "refund:<order id>", then "refund:<order id>#2" and on for
 * a refund asked again after one that failed with no money moved. One key never pays twice.
 */
export const refundKey = (orderId: string, attempt = 1) => (attempt === 1 ? `refund:${orderId}` : `refund:${orderId}#${attempt}`);

const refundKeyPattern = /^refund:([^#]+)(?:#(\d+))?$/;

/** The order and the attempt a refund's business key names, or null for another payout's key. */
export function refundAttempt(businessKey: string): { orderId: string; attempt: number } | null {
  const match = refundKeyPattern.exec(businessKey);
  return match?.[1] ? { orderId: match[1], attempt: match[2] ? Number(match[2]) : 1 } : null;
}

/** Each order's latest refund, from a list of payouts (others are ignored). */
export function latestRefunds<P extends Pick<Payout, "businessKey">>(payouts: readonly P[]): Map<string, P> {
  const latest = new Map<string, { attempt: number; payout: P }>();
  for (const payout of payouts) {
    const key = refundAttempt(payout.businessKey);
    if (key && (latest.get(key.orderId)?.attempt ?? 0) < key.attempt) latest.set(key.orderId, { attempt: key.attempt, payout });
  }
  return new Map([...latest].map(([orderId, { payout }]) => [orderId, payout]));
}

/** Why a payout closed though its money is on chain: the Pioneer has the money, though Pi's record or ours disagrees. */
const paidThenFailed = new Set(["cancelled_after_payment", "completed_with_other_transaction", paidAfterClose]);
/** Why a payout failed when our chain search is not proof that nothing moved. */
const unclearFailures = new Set(["completed_without_transaction"]);

/**
 * Whether an order may be refunded again after this refund: only when it ended failed or cancelled
 * and nothing of it can have reached the Pioneer. Anything else answers with this refund itself.
 */
export function mayRefundAgain(payout: Pick<Payout, "status" | "lastError">): boolean {
  if (payout.status !== "failed" && payout.status !== "cancelled") return false;
  return !paidThenFailed.has(payout.lastError ?? "") && !unclearFailures.has(payout.lastError ?? "");
}

/** What the Pioneer sees of a refund: the money counts as refunded once it is on chain. */
const refundStatuses: Record<Payout["status"], RefundStatus> = {
  queued: "on_its_way",
  created: "on_its_way",
  signed: "on_its_way",
  submitted: "on_its_way",
  on_chain: "refunded",
  completed: "refunded",
  needs_consent: "needs_consent",
  cancelled: "failed",
  failed: "failed",
};

export function toRefundView(payout: Payout): RefundView {
  const closed = payout.status === "failed" || payout.status === "cancelled";
  const status = closed && paidThenFailed.has(payout.lastError ?? "") ? "refunded" : refundStatuses[payout.status];
  return { status, amount: Number(normalizeAmount(payout.amount)), txid: status === "refunded" ? payout.txid : null };
}

export function toPayoutItem(payout: Payout): PayoutItem {
  return {
    id: payout.id,
    businessKey: payout.businessKey,
    status: payout.status,
    amount: normalizeAmount(payout.amount),
    piPaymentId: payout.piPaymentId,
    txid: payout.txid,
    lastError: payout.lastError,
    at: payout.updatedAt.toISOString(),
  };
}
