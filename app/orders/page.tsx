import type { Metadata } from "next";
import { OrdersPage } from "@/components/orders";
import { PageTitle } from "@/components/ui";

export const metadata: Metadata = { title: "Your orders" };

export default function Orders() {
  return (
    <>
      <PageTitle>Your orders</PageTitle>
      <OrdersPage />
    </>
  );
}
