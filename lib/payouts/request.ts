import "server-only";
import { z } from "zod";
import { getPayoutsEnv, type PayoutsOffReason } from "@/lib/config/server";
import { AppError, type PayoutRef } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { findOrder } from "@/lib/db/repositories/orders";
import { findPayoutByKey, insertPayoutOnce, listRefundsFor } from "@/lib/db/repositories/payouts";
import { annotate } from "@/lib/log";
import { amountsEqual, normalizeAmount, toUnits } from "@/lib/pi/amount";
import { latestRefunds, mayRefundAgain, refundAttempt, refundKey } from "./views";

export type PayoutRequest = {
  /** Names what the payout is for, e.g. "refund:<order id>": the same key never pays twice. */
  businessKey: string;
  /** The Pioneer paid: decided by the server (an order's payer, who did the action), never by a client. */
  uid: string;
  /** A decimal string in π, at most 7 decimals, from the server's own records. */
  amount: string;
  /** What the Pioneer reads in their wallet. */
  memo: string;
};

const requestSchema = z.object({
  businessKey: z.string().min(1).max(200),
  uid: z.string().min(1),
  amount: z.string().refine((amount) => (toUnits(amount) ?? 0n) > 0n, "must be a positive Pi amount with at most 7 decimals"),
  memo: z.string().trim().min(1).max(200),
});

const offMessages: Record<PayoutsOffReason, string> = {
  switched_off: "Payouts are switched off (PAYOUTS_ENABLED).",
  no_seed: "Payouts need the app wallet's seed (PI_WALLET_SEED).",
  mainnet_not_allowed: "Payouts on Mainnet need PAYOUTS_MAINNET=true.",
};

const toRef = (row: { id: string; status: PayoutRef["status"] }): PayoutRef => ({ id: row.id, status: row.status });

/**
 * Queues a payout of `amount` π to the Pioneer `uid`, once per business key: asking again returns
 * the same payout, asking again with other terms is a programming error. Nothing is paid here: the
 * payout worker pays it in the next scheduled run (lib/jobs), never inside a request.
 */
export async function requestPayout(request: PayoutRequest): Promise<PayoutRef> {
  const { businessKey, uid, amount, memo } = requestSchema.parse(request);
  const db = await getDb();
  const existing = await findPayoutByKey(db, businessKey);
  const { off } = getPayoutsEnv();
  if (!existing && off) throw new AppError("payouts_disabled", `${offMessages[off]} See docs/PAYOUTS.md.`);
  const row = existing ?? (await insertPayoutOnce(db, { businessKey, userUid: uid, amount: normalizeAmount(amount), memo }));
  if (row.userUid !== uid || !amountsEqual(row.amount, amount)) throw new Error(`The business key ${businessKey} already names a payout with other terms.`);
  annotate({ payoutId: row.id });
  return toRef(row);
}

export const refundBodySchema = z.object({
  orderId: z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "is not an order id"),
});

/**
 * Refunds a paid order: its whole amount, to the Pioneer who paid it, once. Asking again answers the
 * same refund, unless it failed with nothing paid: then it queues the next attempt (one per failure,
 * however many ask at once: the attempt number is in the business key).
 */
export async function requestRefund(orderId: string): Promise<PayoutRef> {
  const db = await getDb();
  const order = await findOrder(db, orderId);
  if (!order) throw new AppError("order_not_found", "There is no such order.");
  annotate({ orderId: order.id });
  if (order.status !== "paid") throw new AppError("order_not_refundable", "Only a paid order can be refunded.");
  const latest = latestRefunds(await listRefundsFor(db, [order.id])).get(order.id);
  if (latest && !mayRefundAgain(latest)) {
    annotate({ payoutId: latest.id });
    return toRef(latest);
  }
  const attempt = latest ? (refundAttempt(latest.businessKey)?.attempt ?? 1) + 1 : 1;
  return requestPayout({ businessKey: refundKey(order.id, attempt), uid: order.userUid, amount: order.amount, memo: `Refund: ${order.memo}`.slice(0, 200) });
}
