"use client";

import type { ReactNode } from "react";
import { SWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import type { OrdersOverview } from "@/lib/contract";

/** Hands useOrders() what the server read for this page, so the orders are in its first paint; SWR then refreshes them. */
export function OrdersSeed({ overview, children }: { overview: OrdersOverview; children: ReactNode }) {
  return <SWRConfig value={{ fallback: { [ordersKey]: overview } }}>{children}</SWRConfig>;
}
