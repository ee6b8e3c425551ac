import type { PayoutItem, RefundStatus, RefundView } from "@/lib/contract";
import type { Payout } from "@/lib/db/schema";
import { normalizeAmount } from "@/lib/pi/amount";

/** The business key of an order's refund: one refund per order. */
export const refundKey = (orderId: string) => `refund:${orderId}`;

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
  const status = refundStatuses[payout.status];
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
