import { z } from "zod";
import { requireCaller } from "@/lib/auth";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { reconcileOrdersOf } from "@/lib/payments";

export const dynamic = "force-dynamic";

/** POST {} → {orders}: settles the caller's orders that Pi already completed or cancelled. */
export const POST = route("payments.reconcile", async (request) => {
  const { user } = await requireCaller(request);
  await readJson(request, z.object({}));
  return Response.json({ orders: await reconcileOrdersOf(user.uid) });
});
