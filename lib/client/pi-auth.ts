import { authenticateWithPi } from "@/lib/pi/sdk";
import type { PiAuthResult, PiSdkPayment } from "@/lib/pi/sdk-types";
import type { IncompleteOutcome } from "@/lib/contract";
import { api } from "./api";
import { retryTransient } from "./retry";

/**
 * The page's one Pi.authenticate. Pi's SDK wants it (with the payments scope) before any
 * createPayment, and it is the only way Pi reports a Pioneer's unfinished payment, so sign-in,
 * the open-time check and Buy all share it. A failed one is forgotten, so the next caller asks again.
 */

type OnResolved = (outcome: IncompleteOutcome) => void;

let authentication: Promise<PiAuthResult> | null = null;
// Set while a session of Pi's own Pioneer exists; until then Pi's reports wait here.
let onResolved: OnResolved | null = null;
const waiting = new Set<string>();

/**
 * Sends only the payment's id: the server reads everything else from Pi itself. A lost answer is
 * asked again a couple of times; after that Pi reports the payment again at the next open.
 */
function resolveIncomplete(paymentId: string, listener: OnResolved) {
  const request = () => api<IncompleteOutcome>("/api/payments/incomplete", { method: "POST", body: { paymentId } });
  retryTransient(request, [1000, 2000]).then(listener, () => undefined);
}

function onIncompletePaymentFound(payment: PiSdkPayment) {
  if (onResolved) resolveIncomplete(payment.identifier, onResolved);
  else waiting.add(payment.identifier);
}

export function authenticatePage(): Promise<PiAuthResult> {
  if (!authentication) {
    const attempt = authenticateWithPi(onIncompletePaymentFound);
    authentication = attempt;
    attempt.catch(() => {
      if (authentication === attempt) authentication = null;
    });
  }
  return authentication;
}

/**
 * Pi.authenticate again, adding the wallet_address scope (Pi shows its consent sheet). Pi keeps the
 * latest call's handler for unfinished payments, so this one passes the page's own.
 */
export function authenticateForPayouts(): Promise<PiAuthResult> {
  return authenticateWithPi(onIncompletePaymentFound, ["wallet_address"]);
}

/** The session is now Pi's Pioneer's: send what Pi reported so far, and from now on at once. */
export function sendIncompleteReports(listener: OnResolved) {
  onResolved = listener;
  for (const paymentId of waiting) resolveIncomplete(paymentId, listener);
  waiting.clear();
}

/** After sign-out or a failed sign-in: the next sign-in asks Pi again, and its reports wait for the new session. */
export function forgetPiAuthentication() {
  authentication = null;
  onResolved = null;
  waiting.clear();
}
