"use client";

import useSWR from "swr";
import { ordersKey, useSession } from "@/components/session";
import type { OrdersOverview } from "@/lib/contract";
import { fetcher } from "@/lib/client/api";

/**
 * The signed-in Pioneer's orders and what they own; refreshed whenever a payment ends. Nothing while
 * signed out. While the session cookie is being checked they are asked for beside it, with the same
 * cookie, so a page showing them waits one round trip for both instead of one after the other.
 */
export function useOrders() {
  const { status } = useSession();
  return useSWR<OrdersOverview, Error>(status === "signed-out" ? null : ordersKey, fetcher);
}
