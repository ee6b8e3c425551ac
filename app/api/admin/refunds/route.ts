import { requireAdmin } from "@/lib/auth";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { refundBodySchema, requestRefund } from "@/lib/payouts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST {orderId} → 202 {payout: {id, status}}: refunds a paid order, for admins only (404 for anyone
 * else). The amount is the order's and the recipient its payer; asking again answers the same payout.
 * The payout worker pays it in the next scheduled run.
 */
export const POST = route("admin.refunds", async (request) => {
  await requireAdmin(request);
  const { orderId } = await readJson(request, refundBodySchema);
  return Response.json({ payout: await requestRefund(orderId) }, { status: 202 });
});
