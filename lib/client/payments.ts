import type { OrderView } from "@/lib/contract";
import { Problem } from "@/lib/i18n/problem";
import { api, ApiError } from "./api";
import { retryTransient } from "./retry";

/** Our payment routes, as the purchase flow and the app's open-time checks ask them. */

export async function placeOrder(productId: string): Promise<OrderView> {
  return (await api<{ order: OrderView }>("/api/orders", { method: "POST", body: { productId } })).order;
}

/** Only an order the server now calls approved (or already paid) lets the Pioneer confirm. */
export async function requestApproval(paymentId: string): Promise<OrderView> {
  const { order } = await api<{ order: OrderView }>("/api/payments/approve", { method: "POST", body: { paymentId } });
  if (order.status !== "approved" && order.status !== "paid") throw new Problem(`purchase.notApproved.${order.status}`);
  return order;
}

/** A lost answer is asked again: the route is idempotent and settles an order Pi already completed. */
export async function requestCompletion(paymentId: string, txid: string): Promise<OrderView> {
  const { order } = await retryTransient(() => api<{ order: OrderView }>("/api/payments/complete", { method: "POST", body: { paymentId, txid } }));
  if (order.status !== "paid") throw new Problem("purchase.notConfirmed");
  return order;
}

export function reportCancellation(paymentId: string): Promise<unknown> {
  return api("/api/payments/cancel", { method: "POST", body: { paymentId } }).catch((error: unknown) => {
    // Pi still reports the payment as open: nothing to record yet.
    if (!(error instanceof ApiError && error.code === "payment_not_cancelled")) throw error;
  });
}

type ReconcileAnswer = { counts?: Partial<Record<"paid" | "cancelled" | "expired" | "needsReview", unknown>> };

/**
 * Asks the server to settle the caller's payments from Pi's records. Best-effort: it never throws.
 * Resolves whether an order may have changed, so the orders are fetched again only then (an answer
 * that does not say counts as a change).
 */
export async function requestReconcile(): Promise<boolean> {
  const answer = await api<ReconcileAnswer>("/api/payments/reconcile", { method: "POST", body: {} }).catch(() => null);
  const counts = answer?.counts;
  if (!counts) return true;
  return [counts.paid, counts.cancelled, counts.expired, counts.needsReview].some((count) => typeof count !== "number" || count > 0);
}
