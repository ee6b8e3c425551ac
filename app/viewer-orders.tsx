import type { ReactNode } from "react";
import { pageViewer } from "@/lib/auth";
import { ordersOverview } from "@/lib/payments";
import { OrdersSeed } from "@/components/orders/orders-seed";

/**
 * For a page that shows the Pioneer's orders: when the request's session cookie is live, the server
 * reads them (as GET /api/orders would) and renders them into the HTML. Without a live cookie (a
 * frame whose cookies the browser denies), the browser asks the API with its bearer token, as before.
 */
export async function ViewerOrders({ children }: { children: ReactNode }) {
  const viewer = await pageViewer().catch(() => null);
  const overview = viewer ? await ordersOverview(viewer.uid).catch(() => null) : null;
  return viewer && overview ? (
    <OrdersSeed uid={viewer.uid} overview={overview}>
      {children}
    </OrdersSeed>
  ) : (
    children
  );
}
