import type { Metadata } from "next";
import { OrdersPage } from "@/components/orders";
import { ViewerOrders } from "@/app/viewer-orders";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t("orders.title") };
}

export default async function Orders() {
  const { t } = await getI18n();
  return (
    <>
      <PageTitle>{t("orders.title")}</PageTitle>
      <ViewerOrders>
        <OrdersPage />
      </ViewerOrders>
    </>
  );
}
