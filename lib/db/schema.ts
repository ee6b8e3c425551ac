import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, numeric, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** Pioneers, keyed by the uid Pi's /me returned (never by username, which can change). */
export const users = pgTable("users", {
  uid: text("uid").primaryKey(),
  // Null when the Pioneer did not grant the username scope.
  username: text("username"),
  createdAt: createdAt(),
  lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
});

/** App sessions: only a hash of the opaque token is stored, so a database leak yields no usable session. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull().unique(),
    userUid: text("user_uid")
      .notNull()
      .references(() => users.uid, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("sessions_user_uid_idx").on(t.userUid), index("sessions_expires_at_idx").on(t.expiresAt)],
);

export const orderStatuses = ["awaiting_payment", "approved", "paid", "cancelled", "expired", "needs_review"] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The order ledger. A Pi payment and a txid can each settle at most one order. */
export const orders = pgTable(
  "orders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userUid: text("user_uid")
      .notNull()
      .references(() => users.uid, { onDelete: "cascade" }),
    productId: text("product_id").notNull(),
    // Pi amounts have 7 decimal places; numeric keeps them exact.
    amount: numeric("amount", { precision: 20, scale: 7 }).notNull(),
    memo: text("memo").notNull(),
    status: text("status", { enum: orderStatuses }).notNull().default("awaiting_payment"),
    piPaymentId: text("pi_payment_id").unique(),
    txid: text("txid").unique(),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // A reconciler run owns the order until then.
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
    // After a failed check, scheduled sweeps leave the order alone until then.
    retryAfter: timestamp("retry_after", { withTimezone: true }),
  },
  (t) => [
    index("orders_user_uid_idx").on(t.userUid),
    // The reconciler's sweep: unsettled orders, oldest first.
    index("orders_unsettled_idx")
      .on(t.createdAt)
      .where(sql`${t.status} in ('awaiting_payment', 'approved')`),
    check("orders_status_check", sql`${t.status} in ('awaiting_payment', 'approved', 'paid', 'cancelled', 'expired', 'needs_review')`),
  ],
);

/** What the fulfilment hook delivered; one row per paid order, so a retry can never deliver twice. */
export const fulfilments = pgTable(
  "fulfilments",
  {
    orderId: uuid("order_id")
      .primaryKey()
      .references(() => orders.id, { onDelete: "cascade" }),
    userUid: text("user_uid").notNull(),
    productId: text("product_id").notNull(),
    createdAt: createdAt(),
  },
  // What a Pioneer owns is read on every GET /api/orders and every page showing it.
  (t) => [index("fulfilments_user_uid_idx").on(t.userUid, t.createdAt)],
);

/** Payments resolved without a matching order (e.g. made by an older app version), kept for a human to review. */
export const paymentReviews = pgTable("payment_reviews", {
  piPaymentId: text("pi_payment_id").primaryKey(),
  userUid: text("user_uid").notNull(),
  // Unconstrained: this is whatever amount the Pioneer chose, kept exactly for the reviewer.
  amount: numeric("amount").notNull(),
  memo: text("memo").notNull(),
  outcome: text("outcome").notNull(),
  txid: text("txid"),
  reason: text("reason").notNull(),
  createdAt: createdAt(),
});

/** Requests per key (a Pioneer, a client address) in the current one-minute window, shared by every instance. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});

/** One row per reconciler run: when, what started it, and what it did. */
export const reconcileRuns = pgTable("reconcile_runs", {
  id: uuid("id").primaryKey().defaultRandom(),
  trigger: text("trigger").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
  finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
  counts: jsonb("counts").$type<Record<string, number>>().notNull(),
});

export const payoutStatuses = ["queued", "created", "signed", "submitted", "on_chain", "completed", "needs_consent", "cancelled", "failed"] as const;
export type PayoutStatus = (typeof payoutStatuses)[number];

/**
 * App-to-user payouts. A business key (e.g. "refund:<order id>"), a Pi payment and a transaction
 * can each belong to one payout only. The signed envelope, its hash and its time bound are stored
 * before it is submitted, so an unclear submission is settled by that hash, never by a new one.
 */
export const payouts = pgTable(
  "payouts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    businessKey: text("business_key").notNull().unique(),
    userUid: text("user_uid")
      .notNull()
      .references(() => users.uid),
    amount: numeric("amount", { precision: 20, scale: 7 }).notNull(),
    memo: text("memo").notNull(),
    status: text("status", { enum: payoutStatuses }).notNull().default("queued"),
    piPaymentId: text("pi_payment_id").unique(),
    // The Pioneer's wallet, from Pi's record of the payment.
    toAddress: text("to_address"),
    // The hash of the current signed envelope, computed before submitting: the transaction's id on chain.
    txid: text("txid").unique(),
    envelopeXdr: text("envelope_xdr"),
    // The envelope's upper time bound: past it (and unknown on chain) it can never be applied.
    validUntil: timestamp("valid_until", { withTimezone: true }),
    // How many envelopes were built (a new one only after the previous one can no longer apply).
    envelopes: integer("envelopes").notNull().default(0),
    // How many of them were applied as failures: each cost the wallet its fee (see maxFailedTransactions).
    failedTransactions: integer("failed_transactions").notNull().default(0),
    // Why the payout waits or failed: a Pi or Horizon code, or ours (insufficient_balance…).
    lastError: text("last_error"),
    // Never set: waits are ordered by last_error and updated_at instead. Kept, not dropped, so a
    // release before this one still runs on the same database (see AGENTS.md, "Change a table").
    retryAfter: timestamp("retry_after", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    index("payouts_user_uid_idx").on(t.userUid),
    index("payouts_open_idx")
      .on(t.createdAt)
      .where(sql`${t.status} not in ('completed', 'cancelled', 'failed')`),
    check("payouts_status_check", sql`${t.status} in ('queued', 'created', 'signed', 'submitted', 'on_chain', 'completed', 'needs_consent', 'cancelled', 'failed')`),
    check("payouts_amount_positive", sql`${t.amount} > 0`),
  ],
);

/**
 * One row per app wallet: the lease that lets one payout worker at a time use it (a row, not a
 * transaction-held lock: PGlite has one connection, and the worker waits on Pi and Horizon), and
 * whether Pi lets the app pay out at all yet.
 */
export const payoutWallets = pgTable("payout_wallets", {
  publicKey: text("public_key").primaryKey(),
  leaseHolder: text("lease_holder"),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  // Pi answered feature_not_available: no new payout is created with Pi before unavailableUntil.
  unavailableSince: timestamp("unavailable_since", { withTimezone: true }),
  unavailableUntil: timestamp("unavailable_until", { withTimezone: true }),
});

export const adRewardStatuses = ["pending", "granted", "revoked", "refused"] as const;
export type AdRewardStatus = (typeof adRewardStatuses)[number];

/** Rewarded ads claimed by Pioneers: each ad id once, granted only on Pi's ad network's word. */
export const adRewards = pgTable(
  "ad_rewards",
  {
    adId: text("ad_id").primaryKey(),
    userUid: text("user_uid")
      .notNull()
      .references(() => users.uid, { onDelete: "cascade" }),
    status: text("status", { enum: adRewardStatuses }).notNull(),
    claimedAt: timestamp("claimed_at", { withTimezone: true }).notNull(),
    // Pi's mediator_granted_at.
    grantedAt: timestamp("granted_at", { withTimezone: true }),
    // When the reconciler last asked Pi about it.
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    reason: text("reason"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("ad_rewards_user_claimed_idx").on(t.userUid, t.claimedAt),
    check("ad_rewards_status_check", sql`${t.status} in ('pending', 'granted', 'revoked', 'refused')`),
  ],
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Order = typeof orders.$inferSelect;
export type Payout = typeof payouts.$inferSelect;
export type PayoutWallet = typeof payoutWallets.$inferSelect;
export type AdReward = typeof adRewards.$inferSelect;
