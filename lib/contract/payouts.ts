/** Payouts (app-to-user payments) and rewarded ads, as our API shows them. */

import type { Check } from "./diagnostics";

/**
 * A payout's life: `queued` → `created` (Pi has the payment) → `signed` (envelope stored) →
 * `submitted` → `on_chain` → `completed` (Pi closed it). Exits: `needs_consent` (the Pioneer must
 * grant the wallet_address scope), `cancelled`, `failed`.
 */
export type PayoutStatus = "queued" | "created" | "signed" | "submitted" | "on_chain" | "completed" | "needs_consent" | "cancelled" | "failed";

/** The answer to POST /api/admin/refunds. */
export type PayoutRef = { id: string; status: PayoutStatus };

/**
 * A refund as the Pioneer who paid sees it on their order. `refunded` once the money is on chain;
 * `needs_consent` until they sign in again granting the wallet_address scope; `failed` needs a person.
 * `txid` is set once the transaction is on chain.
 */
export type RefundStatus = "on_its_way" | "needs_consent" | "refunded" | "failed";
export type RefundView = { status: RefundStatus; amount: number; txid: string | null };

/** A payout on the diagnostics page. */
export type PayoutItem = {
  id: string;
  businessKey: string;
  status: PayoutStatus;
  amount: string;
  piPaymentId: string | null;
  txid: string | null;
  lastError: string | null;
  at: string;
};

/**
 * A paid order on the diagnostics page, with its latest refund if one was asked for. `refundable`:
 * no refund yet, or the latest failed with nothing paid, so it may be asked again.
 */
export type RefundableOrder = { orderId: string; memo: string; amount: string; paidAt: string; refund: PayoutRef | null; refundable: boolean };

/** The payouts card of /debug: the settings, Pi's and the wallet's state, the payouts, and paid orders to refund. */
export type PayoutDiagnostics = {
  checks: Check[];
  /** Every payout not yet settled (waiting, needing consent, failed), then the latest settled ones. */
  payouts: PayoutItem[];
  /** The newest paid orders, with their refund if one was asked for. */
  paidOrders: RefundableOrder[];
};

/** The answer to POST /api/ads/rewards: `pending` while Pi's ad network has not answered yet. */
export type AdRewardView = { adId: string; status: "pending" | "granted" };
