import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";
import { createOrder, ordersOverview } from "@/lib/payments";
import { createOrderBodySchema } from "@/lib/payments/requests";
import { annotate } from "@/lib/log";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST {productId} → 201 {order}, priced from the catalog. */
export const POST = route("orders.create", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  const { productId } = await readJson(request, createOrderBodySchema);
  const order = await createOrder(user.uid, productId);
  annotate({ orderId: order.id });
  return Response.json({ order }, { status: 201 });
});

/** GET → {orders, owned}: the caller's own orders, newest first, and what their paid orders delivered. */
export const GET = route("orders.list", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  return Response.json(await ordersOverview(user.uid));
});
