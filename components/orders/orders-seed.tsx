"use client";

import { useEffect, useRef, type ReactNode } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import { ordersKey, useSession } from "@/components/session";
import type { OrdersOverview } from "@/lib/contract";

/**
 * Hands useOrders() what the server read for this page, so the orders are in its first paint. On a
 * navigation within the app, orders fetched earlier are cached and would win over a seed: the seed,
 * read by the server just now, replaces them (a refetch of its own could be skipped as a duplicate).
 * Only while the page's Pioneer is `uid`, the one the server read them for: after a sign-out, or
 * another Pioneer's sign-in on this page, they would show someone else's orders.
 */
export function OrdersSeed({ uid, overview, children }: { uid: string; overview: OrdersOverview; children: ReactNode }) {
  const { mutate } = useSWRConfig();
  const { user } = useSession();
  const theirs = user?.uid === uid;
  // Once per overview: the same Pioneer signing in again on this page gets fresh orders, not these.
  const seeded = useRef<OrdersOverview | null>(null);
  useEffect(() => {
    if (!theirs || seeded.current === overview) return;
    seeded.current = overview;
    void mutate(ordersKey, overview, { revalidate: false });
  }, [mutate, overview, theirs]);
  return <SWRConfig value={{ fallback: theirs ? { [ordersKey]: overview } : {} }}>{children}</SWRConfig>;
}
