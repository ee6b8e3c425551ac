import "server-only";
import { AppError } from "@/lib/contract";
import { annotate, logError } from "@/lib/log";
import { PiApiError } from "@/lib/pi/errors";
import { toPiPayment, type PiPayment } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";

/** Pi's own record of a payment, re-read with the server key: nothing the client says about it is used. */
export async function readPayment(paymentId: string): Promise<PiPayment> {
  annotate({ paymentId });
  try {
    return toPiPayment(await piApi.getPayment(paymentId));
  } catch (error) {
    // The id came from the client: whatever Pi's refusal (404 unknown, 400 malformed, 401/403/422
    // another app's or not one Pi will show us), there is no payment of ours by that id.
    if (error instanceof PiApiError && error.kind === "rejected") {
      if (error.status === 401 || error.status === 403) logError("pi.payment_hidden", { paymentId, piStatus: error.status, code: error.code, reason: "check PI_API_KEY" });
      throw new AppError("payment_not_found", "Pi has no payment of this app with this id.");
    }
    throw error;
  }
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
