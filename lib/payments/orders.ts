import "server-only";
import { AppError, type OrderView } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { insertOrder, listOrdersOf } from "@/lib/db/repositories/orders";
import type { Order } from "@/lib/db/schema";
import { normalizeAmount } from "@/lib/pi/amount";
import { findProduct, memoFor } from "@/lib/shop";

/** How long an unsettled order waits for the Pioneer: to start paying, or to confirm an approved payment. */
const unsettledLifetimeMs = 30 * 60 * 1000;

function expiresAt(order: Order): string | null {
  if (order.status === "awaiting_payment") return new Date(order.createdAt.getTime() + unsettledLifetimeMs).toISOString();
  // Approval is the order's last update before payment.
  if (order.status === "approved") return new Date(order.updatedAt.getTime() + unsettledLifetimeMs).toISOString();
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
  };
}

/** Creates an order priced from the catalog; the client chooses only which product. */
export async function createOrder(userUid: string, productId: string): Promise<OrderView> {
  const product = findProduct(productId);
  if (!product) throw new AppError("product_not_found", "There is no such product.");
  const order = await insertOrder(await getDb(), { userUid, productId, amount: product.price, memo: memoFor(product) });
  return toOrderView(order);
}

/** The caller's own orders, newest first. */
export async function listOrders(userUid: string): Promise<OrderView[]> {
  return (await listOrdersOf(await getDb(), userUid)).map(toOrderView);
}
