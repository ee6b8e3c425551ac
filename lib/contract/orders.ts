/** Orders as our API shows them to the browser. */

import type { OwnedItem } from "@/lib/shop/types";
import type { RefundView } from "./payouts";

/**
 * `expired`: never paid in time, nothing charged. `needs_review`: something about the payment did
 * not add up (Pi has no such payment, another network, another amount); a person looks at it.
 */
export type OrderStatus = "awaiting_payment" | "approved" | "paid" | "cancelled" | "expired" | "needs_review";

/** `amount` is a JSON number because Pi.createPayment takes one; it always has at most 7 decimals. */
export type OrderView = {
  id: string;
  productId: string;
  amount: number;
  memo: string;
  status: OrderStatus;
  paymentId: string | null;
  txid: string | null;
  createdAt: string;
  /** When an unsettled order stops waiting for the Pioneer (ISO time); null once settled. */
  expiresAt: string | null;
  /** The refund of a paid order, or null when there is none (GET /api/orders fills it in; other answers carry null). */
  refund: RefundView | null;
};

/** The answer to POST /api/payments/incomplete. */
export type IncompleteOutcome = {
  outcome: "completed" | "cancelled";
  order: OrderView | null;
  /** True when no order of the caller matched, so nothing was delivered and a review row was written. */
  needsReview: boolean;
};

/** The answer to GET /api/orders: the caller's orders, newest first, and what their paid orders delivered. */
export type OrdersOverview = { orders: OrderView[]; owned: OwnedItem[] };
