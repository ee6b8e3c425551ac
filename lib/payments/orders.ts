import "server-only";
import { AppError, type OrdersOverview, type OrderView } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { insertOrderKeepingNewest, listOrdersOf } from "@/lib/db/repositories/orders";
import { listRefundsOf } from "@/lib/db/repositories/payouts";
import type { Order } from "@/lib/db/schema";
import { getPaymentsEnv } from "@/lib/config/server";
import { annotate } from "@/lib/log";
import { normalizeAmount } from "@/lib/pi/amount";
import { latestRefunds, toRefundView } from "@/lib/payouts/views";
import { findProduct, listOwned, memoFor } from "@/lib/shop";
import { abandonedAfterMs } from "./sweep-rules";

/** A Pioneer's unpaid orders kept at once; a new one expires the oldest beyond this. */
export const maxUnpaidOrders = 3;

/** When the reconciler stops waiting for the Pioneer: to start paying, or to sign an approved payment. */
function expiresAt(order: Order): string | null {
  if (order.status === "awaiting_payment") return new Date(order.createdAt.getTime() + getPaymentsEnv().orderTtlMs).toISOString();
  // Approval is the order's last update before payment, moments after Pi created the payment.
  if (order.status === "approved") return new Date(order.updatedAt.getTime() + abandonedAfterMs).toISOString();
  return null;
}

export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    productId: order.productId,
    amount: Number(normalizeAmount(order.amount)),
    memo: order.memo,
    status: order.status,
    paymentId: order.piPaymentId,
    txid: order.txid,
    createdAt: order.createdAt.toISOString(),
    expiresAt: expiresAt(order),
    refund: null,
  };
}

/** Creates an order priced from the catalog; the client chooses only which product. */
export async function createOrder(userUid: string, productId: string): Promise<OrderView> {
  const product = findProduct(productId);
  if (!product) throw new AppError("product_not_found", "There is no such product.");
  const order = await insertOrderKeepingNewest(await getDb(), { userUid, productId, amount: product.price, memo: memoFor(product) }, maxUnpaidOrders);
  annotate({ orderId: order.id });
  return toOrderView(order);
}

/** The caller's own orders, newest first, each with its refund if one was asked for. */
async function listOrders(userUid: string): Promise<OrderView[]> {
  const db = await getDb();
  const [rows, refunds] = await Promise.all([listOrdersOf(db, userUid), listRefundsOf(db, userUid)]);
  const refundOf = latestRefunds(refunds);
  return rows.map((order) => {
    const refund = refundOf.get(order.id);
    return { ...toOrderView(order), refund: refund ? toRefundView(refund) : null };
  });
}

/** What GET /api/orders answers, and what a page shows of it before its scripts run. */
export async function ordersOverview(userUid: string): Promise<OrdersOverview> {
  const [orders, owned] = await Promise.all([listOrders(userUid), listOwned(userUid)]);
  return { orders, owned };
}
