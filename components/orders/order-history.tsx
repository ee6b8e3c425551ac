"use client";

import { errorText, useClock, useI18n, type Clock } from "@/components/i18n";
import { productText } from "@/components/shop/product-text";
import { Card, Notice, StatusPill } from "@/components/ui";
import type { OrderView } from "@/lib/contract";
import { describeOrder } from "./describe-order";
import { RefundLine } from "./refund-line";
import { useOrders } from "./use-orders";

function OrderRow({ order, clock: { now, timeZone } }: { order: OrderView; clock: Clock }) {
  const { t, messages, format } = useI18n();
  const { label, tone, detail } = describeOrder(order, now, t, (iso) => format.time(iso, timeZone));
  return (
    <li className="order" data-testid="order" data-status={order.status}>
      <div className="order-line">
        <span>{productText(messages, { id: order.productId, name: order.memo }).name}</span>
        <span className="order-amount">{t("orders.amount", { amount: format.amount(order.amount) })}</span>
      </div>
      <div className="order-line">
        <StatusPill tone={tone}>{label}</StatusPill>
        <time className="muted" dateTime={order.createdAt}>
          {format.dateTime(order.createdAt, timeZone)}
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
  const { t } = useI18n();
  const clock = useClock();
  const open = data?.orders.filter((order) => !closedUnpaid.has(order.status)) ?? [];
  const closed = data?.orders.filter((order) => closedUnpaid.has(order.status)) ?? [];

  return (
    <Card aria-labelledby="orders-heading">
      <h2 id="orders-heading">{t("orders.history")}</h2>
      <Notice role="alert" tone="bad">
        {error ? errorText(error, t) : ""}
      </Notice>
      {isLoading && !data ? <p className="muted">{t("orders.loading")}</p> : null}
      {data && data.orders.length === 0 ? <p className="muted">{t("orders.none")}</p> : null}
      <ul className="plain-list" data-testid="order-history">
        {open.map((order) => (
          <OrderRow key={order.id} order={order} clock={clock} />
        ))}
      </ul>
      {closed.length > 0 ? (
        <details className="collapsed-orders">
          <summary>{t("orders.closed", { count: closed.length })}</summary>
          <ul className="plain-list">
            {closed.map((order) => (
              <OrderRow key={order.id} order={order} clock={clock} />
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
