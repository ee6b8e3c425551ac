import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";
import { cancelPayment } from "@/lib/payments";
import { paymentIdBodySchema } from "@/lib/payments/requests";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST {paymentId} from onCancel or onError → {order}; the order is cancelled only if Pi says so. */
export const POST = route("payments.cancel", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  const { paymentId } = await readJson(request, paymentIdBodySchema);
  return Response.json({ order: await cancelPayment(user.uid, paymentId) });
});
