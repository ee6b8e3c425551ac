import "server-only";
import { getDb } from "@/lib/db";
import { insertOrder, listOrdersOf } from "@/lib/db/repositories/orders";
import type { Order, OrderStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { findProduct, memoFor } from "./catalog";
import { normalizeAmount } from "./amount";

/** An order as the API shows it. `amount` is a JSON number because Pi.createPayment takes one. */
export type OrderView = {
  id: string;
  productId: string;
  amount: number;
  memo: string;
  status: OrderStatus;
  paymentId: string | null;
  txid: string | null;
  createdAt: string;
};

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
  };
}

/** Creates an order priced from the catalog; the client chooses only which product. */
export async function createOrder(userUid: string, productId: string): Promise<OrderView> {
  const product = findProduct(productId);
  if (!product) throw new AppError(404, "product_not_found", "There is no such product.");
  const order = await insertOrder(await getDb(), { userUid, productId, amount: product.price, memo: memoFor(product) });
  return toOrderView(order);
}

/** The caller's own orders, newest first. */
export async function listOrders(userUid: string): Promise<OrderView[]> {
  return (await listOrdersOf(await getDb(), userUid)).map(toOrderView);
}
