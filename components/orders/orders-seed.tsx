"use client";

import { useEffect, type ReactNode } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import type { OrdersOverview } from "@/lib/contract";

/**
 * Hands useOrders() what the server read for this page, so the orders are in its first paint. On a
 * navigation within the app, orders fetched earlier are cached and would win over a seed: the seed,
 * read by the server just now, replaces them (a refetch of its own could be skipped as a duplicate).
 */
export function OrdersSeed({ overview, children }: { overview: OrdersOverview; children: ReactNode }) {
  const { mutate } = useSWRConfig();
  useEffect(() => {
    void mutate(ordersKey, overview, { revalidate: false });
  }, [mutate, overview]);
  return <SWRConfig value={{ fallback: { [ordersKey]: overview } }}>{children}</SWRConfig>;
}
