"use client";

import { useI18n } from "@/components/i18n";
import { useSession } from "@/components/session";
import { OrderHistory } from "./order-history";
import { OwnedList } from "./owned-list";
import { useOrders } from "./use-orders";

/** /orders: what the Pioneer owns and every order, once signed in. */
export function OrdersPage() {
  const { status } = useSession();
  const { t } = useI18n();
  const { data, error } = useOrders();
  if (status === "loading") return <p className="muted">{t("session.checking")}</p>;
  if (status === "signed-out") return <p className="muted">{t("orders.signInToSee")}</p>;
  // Both parts appear at once, so what you own never pushes the history down as it arrives.
  if (!data && !error) return <p className="muted">{t("orders.loading")}</p>;
  return (
    <>
      <OwnedList />
      <OrderHistory />
    </>
  );
}
