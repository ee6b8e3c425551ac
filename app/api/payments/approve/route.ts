import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";
import { approvePayment } from "@/lib/payments";
import { paymentIdBodySchema } from "@/lib/payments/requests";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST {paymentId} from onReadyForServerApproval → {order}. */
export const POST = route("payments.approve", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  const { paymentId } = await readJson(request, paymentIdBodySchema);
  return Response.json({ order: await approvePayment(user.uid, paymentId) });
});
