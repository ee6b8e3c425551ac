"use client";

import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { SWRConfig, useSWRConfig } from "swr";
import { ordersKey, useSession } from "@/components/session";
import type { OrdersOverview } from "@/lib/contract";

/**
 * Hands useOrders() what the server read for this page, so the orders are in its first paint. On a
 * navigation within the app, orders fetched earlier are cached and would win over a seed: the seed,
 * read by the server just now, replaces them (a refetch of its own could be skipped as a duplicate).
 * Only while the page's Pioneer is still `uid`, the one the server read them for: once anyone else
 * is, or nobody (a sign-out), this seed is retired, even if `uid` signs in again. A later server
 * read (a navigation) is a new seed.
 */
export function OrdersSeed({ uid, overview, children }: { uid: string; overview: OrdersOverview; children: ReactNode }) {
  const { mutate } = useSWRConfig();
  const { user } = useSession();
  const [retired, setRetired] = useState<OrdersOverview | null>(null);
  if (user?.uid !== uid && retired !== overview) setRetired(overview);
  const live = user?.uid === uid && retired !== overview;
  const seeded = useRef<OrdersOverview | null>(null);
  useEffect(() => {
    if (!live || seeded.current === overview) return;
    seeded.current = overview;
    void mutate(ordersKey, overview, { revalidate: false });
  }, [mutate, overview, live]);
  // The same value while `live` holds: a new one would re-render every orders list below on each change of the session's state.
  const config = useMemo(() => ({ fallback: live ? { [ordersKey]: overview } : {} }), [live, overview]);
  return <SWRConfig value={config}>{children}</SWRConfig>;
}
