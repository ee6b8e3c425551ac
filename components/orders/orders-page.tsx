"use client";

import { useI18n } from "@/components/i18n";
import { useSession } from "@/components/session";
import { OrderHistory } from "./order-history";
import { OwnedList } from "./owned-list";

/** /orders: what the Pioneer owns and every order, once signed in. */
export function OrdersPage() {
  const { status } = useSession();
  const { t } = useI18n();
  if (status === "loading") return <p className="muted">{t("session.checking")}</p>;
  if (status === "signed-out") return <p className="muted">{t("orders.signInToSee")}</p>;
  return (
    <>
      <OwnedList />
      <OrderHistory />
    </>
  );
}
