import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";
import { resolveIncompletePayment } from "@/lib/payments";
import { paymentIdBodySchema } from "@/lib/payments/requests";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST {paymentId} from onIncompletePaymentFound → {outcome, order, needsReview}. Only the id is
 * read from the body: the client's copy of the payment (and its _link) is never trusted or fetched.
 */
export const POST = route("payments.incomplete", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  const { paymentId } = await readJson(request, paymentIdBodySchema);
  return Response.json(await resolveIncompletePayment(user.uid, paymentId));
});
