"use client";

import { useSession } from "@/components/session";
import { OrderHistory } from "./order-history";
import { OwnedList } from "./owned-list";

/** /orders: what the Pioneer owns and every order, once signed in. */
export function OrdersPage() {
  const { status } = useSession();
  if (status === "loading") return <p className="muted">Checking your session…</p>;
  if (status === "signed-out") return <p className="muted">Sign in with Pi to see your orders and what you own.</p>;
  return (
    <>
      <OwnedList />
      <OrderHistory />
    </>
  );
}
