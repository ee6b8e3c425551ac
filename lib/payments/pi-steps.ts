import "server-only";
import { AppError } from "@/lib/contract";
import { annotate, logError } from "@/lib/log";
import { PiApiError } from "@/lib/pi/errors";
import { toPiPayment, type PiPayment } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";

/** Pi's record of a payment, or Pi's refusal (a 4xx) to show it. No answer at all still throws. */
async function askPi(paymentId: string): Promise<PiPayment | PiApiError> {
  annotate({ paymentId });
  try {
    return toPiPayment(await piApi.getPayment(paymentId));
  } catch (error) {
    if (error instanceof PiApiError && error.kind === "rejected") return error;
    throw error;
  }
}

function logHidden(paymentId: string, refusal: PiApiError): void {
  if (refusal.refusedOurKey) logError("pi.payment_hidden", { paymentId, piStatus: refusal.status, code: refusal.code, reason: "check PI_API_KEY" });
}

/** Pi's own record of a payment, re-read with the server key: nothing the client says about it is used. */
export async function readPayment(paymentId: string): Promise<PiPayment> {
  const answer = await askPi(paymentId);
  if (!(answer instanceof PiApiError)) return answer;
  // The id came from the client: whatever Pi's refusal (404 unknown, 400 malformed, 401/403/422
  // another app's or not one Pi will show us), there is no payment of ours by that id.
  logHidden(paymentId, answer);
  throw new AppError("payment_not_found", "Pi has no payment of this app with this id.");
}

/**
 * A payment one of our orders is bound to: our key read it before binding it, so only Pi's 404
 * says Pi has no such payment (null). Any other refusal (a key revoked or mistyped, a 403) is a
 * failure to retry later, never a reason to give the order up.
 */
export async function readBoundPayment(paymentId: string): Promise<PiPayment | null> {
  const answer = await askPi(paymentId);
  if (!(answer instanceof PiApiError)) return answer;
  if (answer.status === 404) return null;
  logHidden(paymentId, answer);
  throw new AppError("pi_rejected", `Pi refused to show a payment an order is bound to (${answer.code}).`);
}

/**
 * Runs a Pi step (approve, complete, cancel). When Pi refuses it, re-reads the payment: if Pi's
 * record shows the step done (a concurrent call or an earlier attempt whose answer was lost), that
 * is success. Pi documents no "already approved" code, so the record is the judge, not the code.
 */
export async function ensurePiStep(paymentId: string, step: () => Promise<unknown>, isDone: (payment: PiPayment) => boolean): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!(error instanceof PiApiError && error.kind === "rejected")) throw error;
    if (!isDone(await readPayment(paymentId))) {
      throw new AppError("pi_refused", `Pi refused this payment step (${error.code}).`);
    }
  }
}
