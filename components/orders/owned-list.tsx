"use client";

import { Card, StatusPill } from "@/components/ui";
import type { OwnedItem } from "@/lib/shop/types";
import { useOrders } from "./use-orders";

const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function describeOwned(item: OwnedItem): { text: string; pill: string | null } {
  switch (item.kind) {
    case "subscription":
      return item.active
        ? { text: `Active until ${date.format(new Date(item.activeUntil))}`, pill: "Active" }
        : { text: `Ended on ${date.format(new Date(item.activeUntil))}`, pill: null };
    case "item":
      return { text: `${item.quantity} owned`, pill: null };
    case "tip":
      return { text: `${item.quantity} given. Thank you!`, pill: null };
    case "reward":
      return { text: `${item.quantity} so far, from watching ads`, pill: null };
  }
}

/** What the Pioneer's paid orders delivered: the part of the shop a fork changes most. */
export function OwnedList() {
  const { data } = useOrders();
  if (!data) return null;
  return (
    <Card aria-labelledby="owned-heading" data-testid="owned">
      <h2 id="owned-heading">What you own</h2>
      {data.owned.length === 0 ? <p className="muted">Nothing yet. What you buy shows up here.</p> : null}
      <ul className="plain-list">
        {data.owned.map((item) => {
          const { text, pill } = describeOwned(item);
          return (
            <li key={item.productId} className="owned" data-testid={`owned-${item.productId}`}>
              <span>
                <strong>{item.name}</strong>
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
