"use client";

import useSWR from "swr";
import { ordersKey, useSession } from "@/components/session";
import type { OrderView } from "@/lib/contract";
import { fetcher } from "@/lib/client/api";
import type { OwnedItem } from "@/lib/shop/types";

export type OrdersData = { orders: OrderView[]; owned: OwnedItem[] };

/** The signed-in Pioneer's orders and what they own; refreshed whenever a payment ends. Nothing while signed out. */
export function useOrders() {
  const signedIn = useSession().status === "signed-in";
  return useSWR<OrdersData, Error>(signedIn ? ordersKey : null, fetcher);
}
