"use client";

import { Card, Notice, StatusPill } from "@/components/ui";
import type { OrderView } from "@/lib/contract";
import { describeOrder } from "./describe-order";
import { RefundLine } from "./refund-line";
import { useOrders } from "./use-orders";

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const formatTime = (iso: string) => time.format(new Date(iso));

function OrderRow({ order, now }: { order: OrderView; now: Date }) {
  const { label, tone, detail } = describeOrder(order, now, formatTime);
  return (
    <li className="order" data-testid="order" data-status={order.status}>
      <div className="order-line">
        <span>{order.memo}</span>
        <span className="order-amount">{order.amount} π</span>
      </div>
      <div className="order-line">
        <StatusPill tone={tone}>{label}</StatusPill>
        <time className="muted" dateTime={order.createdAt}>
          {dateTime.format(new Date(order.createdAt))}
        </time>
      </div>
      {detail ? <p className="order-detail">{detail}</p> : null}
      {order.refund ? <RefundLine refund={order.refund} /> : null}
    </li>
  );
}

const closedUnpaid = new Set<OrderView["status"]>(["cancelled", "expired"]);

/** The Pioneer's orders, newest first; those closed without payment fold away under a count. */
export function OrderHistory() {
  const { data, error, isLoading } = useOrders();
  const now = new Date();
  const open = data?.orders.filter((order) => !closedUnpaid.has(order.status)) ?? [];
  const closed = data?.orders.filter((order) => closedUnpaid.has(order.status)) ?? [];

  return (
    <Card aria-labelledby="orders-heading">
      <h2 id="orders-heading">Order history</h2>
      <Notice role="alert" tone="bad">
        {error?.message ?? ""}
      </Notice>
      {isLoading ? <p className="muted">Loading your orders…</p> : null}
      {data && data.orders.length === 0 ? <p className="muted">No orders yet.</p> : null}
      <ul className="plain-list" data-testid="order-history">
        {open.map((order) => (
          <OrderRow key={order.id} order={order} now={now} />
        ))}
      </ul>
      {closed.length > 0 ? (
        <details className="collapsed-orders">
          <summary>
            {closed.length} {closed.length === 1 ? "order" : "orders"} closed without payment
          </summary>
          <ul className="plain-list">
            {closed.map((order) => (
              <OrderRow key={order.id} order={order} now={now} />
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
