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
export const fulfilments = pgTable("fulfilments", {
  orderId: uuid("order_id")
    .primaryKey()
    .references(() => orders.id, { onDelete: "cascade" }),
  userUid: text("user_uid").notNull(),
  productId: text("product_id").notNull(),
  createdAt: createdAt(),
});

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

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Order = typeof orders.$inferSelect;
