import { z } from "zod";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";
import { reconcileOrders } from "@/lib/payments";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST {} → {counts}: settles the caller's unsettled orders from Pi's records, as the app opens.
 * The same engine as the scheduled run, limited to one Pioneer and to a few seconds.
 */
export const POST = route("payments.reconcile", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  await readJson(request, z.object({}));
  return Response.json({ counts: await reconcileOrders({ userUid: user.uid, budgetMs: 8_000 }) });
});
