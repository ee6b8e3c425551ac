import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";
import { completePayment } from "@/lib/payments";
import { completeBodySchema } from "@/lib/payments/requests";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST {paymentId, txid} from onReadyForServerCompletion → {order} once Pi accepted the completion. */
export const POST = route("payments.complete", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  const { paymentId, txid } = await readJson(request, completeBodySchema);
  return Response.json({ order: await completePayment(user.uid, paymentId, txid) });
});
