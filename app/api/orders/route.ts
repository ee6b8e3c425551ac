import { requireCaller } from "@/lib/auth";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { createOrder, listOrders } from "@/lib/payments";
import { createOrderBodySchema } from "@/lib/payments/requests";

export const dynamic = "force-dynamic";

/** POST {productId} → 201 {order}, priced from the catalog. */
export const POST = route("orders.create", async (request) => {
  const { user } = await requireCaller(request);
  const { productId } = await readJson(request, createOrderBodySchema);
  return Response.json({ order: await createOrder(user.uid, productId) }, { status: 201 });
});

/** GET → {orders}: the caller's own, newest first. */
export const GET = route("orders.list", async (request) => {
  const { user } = await requireCaller(request);
  return Response.json({ orders: await listOrders(user.uid) }, { headers: { "Cache-Control": "no-store" } });
});
