"use client";

import { useSession } from "@/components/session";
import { OrderHistory } from "./order-history";
import { OwnedList } from "./owned-list";
import { useOrders } from "./use-orders";

/** /orders: what the Pioneer owns and every order, once signed in. */
export function OrdersPage() {
  const { status } = useSession();
  const { data, error } = useOrders();
  if (status === "loading") return <p className="muted">Checking your session…</p>;
  if (status === "signed-out") return <p className="muted">Sign in with Pi to see your orders and what you own.</p>;
  // Both parts appear at once, so what you own never pushes the history down as it arrives.
  if (!data && !error) return <p className="muted">Loading your orders…</p>;
  return (
    <>
      <OwnedList />
      <OrderHistory />
    </>
  );
}
