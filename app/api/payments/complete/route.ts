import { requireCaller } from "@/lib/auth";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { limitPioneer } from "@/lib/limits";
import { completePayment } from "@/lib/payments";
import { completeBodySchema } from "@/lib/payments/requests";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** POST {paymentId, txid} from onReadyForServerCompletion → {order} once Pi accepted the completion. */
export const POST = route("payments.complete", async (request) => {
  const { user } = await requireCaller(request);
  await limitPioneer(user.uid);
  const { paymentId, txid } = await readJson(request, completeBodySchema);
  return Response.json({ order: await completePayment(user.uid, paymentId, txid) });
});
