"use client";

import { useClock, useI18n, type I18n } from "@/components/i18n";
import { productText } from "@/components/shop/product-text";
import { Card, StatusPill } from "@/components/ui";
import type { OwnedItem } from "@/lib/shop/types";
import { useOrders } from "./use-orders";

function describeOwned(item: OwnedItem, { t, format }: I18n, timeZone: string | undefined): { text: string; pill: string | null } {
  switch (item.kind) {
    case "subscription":
      return item.active
        ? { text: t("owned.activeUntil", { date: format.date(item.activeUntil, timeZone) }), pill: t("owned.active") }
        : { text: t("owned.endedOn", { date: format.date(item.activeUntil, timeZone) }), pill: null };
    case "item":
      return { text: t("owned.items", { count: item.quantity }), pill: null };
    case "tip":
      return { text: t("owned.tips", { count: item.quantity }), pill: null };
    case "reward":
      return { text: t("owned.rewards", { count: item.quantity }), pill: null };
  }
}

/** What the Pioneer's paid orders delivered: the part of the shop a fork changes most. */
export function OwnedList() {
  const { data } = useOrders();
  const i18n = useI18n();
  const { timeZone } = useClock();
  if (!data) return null;
  return (
    <Card aria-labelledby="owned-heading" data-testid="owned">
      <h2 id="owned-heading">{i18n.t("owned.heading")}</h2>
      {data.owned.length === 0 ? <p className="muted">{i18n.t("owned.none")}</p> : null}
      <ul className="plain-list">
        {data.owned.map((item) => {
          const { text, pill } = describeOwned(item, i18n, timeZone);
          return (
            <li key={item.productId} className="owned" data-testid={`owned-${item.productId}`}>
              <span>
                <strong>{productText(i18n.messages, { id: item.productId, name: item.name }).name}</strong>
                <br />
                <span className="muted">{text}</span>
              </span>
              {pill ? <StatusPill tone="ok">{pill}</StatusPill> : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
