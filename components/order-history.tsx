"use client";

import useSWR from "swr";
import { ordersKey } from "@/hooks/use-session";
import { fetcher } from "@/lib/client/api";
import type { OrderView } from "@/lib/payments/orders";

const statusLabels: Record<OrderView["status"], string> = {
  awaiting_payment: "Awaiting payment",
  approved: "Approved",
  paid: "Paid",
  cancelled: "Cancelled",
};

const time = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The Pioneer's orders, refreshed whenever a payment ends. */
export function OrderHistory() {
  const { data, error, isLoading } = useSWR<{ orders: OrderView[] }, Error>(ordersKey, fetcher);

  return (
    <section aria-labelledby="orders-heading">
      <h2 id="orders-heading">Your orders</h2>
      {error ? <p role="alert" className="error">{error.message}</p> : null}
      {isLoading ? <p className="muted">Loading your orders…</p> : null}
      {data && data.orders.length === 0 ? <p className="muted">No orders yet.</p> : null}
      <ul className="orders" data-testid="order-history">
        {data?.orders.map((order) => (
          <li key={order.id} className="order" data-testid="order" data-status={order.status}>
            <span className="order-memo">{order.memo}</span>
            <span className="order-amount">{order.amount} π</span>
            <span className={`badge badge-${order.status}`}>{statusLabels[order.status]}</span>
            <time className="muted order-time" dateTime={order.createdAt}>
              {time.format(new Date(order.createdAt))}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
