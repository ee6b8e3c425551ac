/** Orders as our API shows them to the browser. */

export type OrderStatus = "awaiting_payment" | "approved" | "paid" | "cancelled";

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
};

/** The answer to POST /api/payments/incomplete. */
export type IncompleteOutcome = {
  outcome: "completed" | "cancelled";
  order: OrderView | null;
  /** True when no order of the caller matched, so nothing was delivered and a review row was written. */
  needsReview: boolean;
};
