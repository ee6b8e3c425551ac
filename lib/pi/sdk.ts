import { piSdkConfig as config } from "./sdk-config";
import type { PiAuthResult, PiPaymentCallbacks, PiSdk, PiSdkPayment } from "./sdk-types";

import { PiSdkError } from "./sdk-error";

export { configurePiSdk } from "./sdk-config";
export { PiSdkError } from "./sdk-error";

/**
 * Client-side access to Pi's SDK. The script is loaded once by <PiSdkScript>; this module waits
 * for it (a script that never loads becomes a clear error), calls Pi.init exactly once, and turns
 * Pi's developer-facing errors into words for the Pioneer.
 */

const loadTimeoutMs = 15_000;

let scriptState: "pending" | "loaded" | "failed" = "pending";
const scriptListeners = new Set<() => void>();
let initialized: Promise<PiSdk> | null = null;

export function markPiSdkScript(state: "loaded" | "failed") {
  scriptState = state;
  for (const listener of scriptListeners) listener();
}

/** The SDK's object once its script has run (not initialized): a script that never loads rejects. */
export function loadedPi(): Promise<PiSdk> {
  return new Promise((resolve, reject) => {
    const settle = () => {
      if (window.Pi) return done(() => resolve(window.Pi as PiSdk));
      if (scriptState === "failed") return done(() => reject(new PiSdkError("not_loaded", "The Pi SDK could not be loaded. Check your connection, or open this app in Pi Browser.")));
    };
    const timer = window.setTimeout(() => done(() => reject(new PiSdkError("load_timeout", "The Pi SDK did not load in time. Check your connection and reload the page."))), loadTimeoutMs);
    function done(finish: () => void) {
      window.clearTimeout(timer);
      scriptListeners.delete(settle);
      finish();
    }
    scriptListeners.add(settle);
    settle();
  });
}

/** Pi Browser frames apps (from app-cdn.minepi.com), and so does the Pi Sandbox. */
export const isFramed = () => window.top !== window.self;

/** The initialized SDK. Pi.init runs once per page, whatever the number of callers. */
export function getPi(): Promise<PiSdk> {
  initialized ??= loadedPi().then(async (pi) => {
    await pi.init({ version: "2.0", sandbox: config.sandbox });
    return pi;
  });
  initialized.catch(() => {
    initialized = null;
  });
  return initialized;
}

// Pi's wording for a refusal is not documented (the emulator says "declined"): match the likely words.
const declinedPattern = /declin|cancel|denied|not granted|reject/i;

function signInError(error: unknown): PiSdkError {
  if (error instanceof PiSdkError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Anything else gets a neutral message: what Pi says for its other failures is not documented either.
  return declinedPattern.test(message)
    ? new PiSdkError("declined", "Sign-in was cancelled in Pi. Tap “Sign in with Pi” to try again.")
    : new PiSdkError("not_finished", "Pi did not finish the sign-in. Check your connection and try again.");
}

/**
 * Pi.authenticate with the scopes this template needs. No timeout of ours: a first consent may
 * take the Pioneer a while, and Pi's SDK times out its own messaging with Pi Browser.
 */
export async function authenticateWithPi(onIncompletePaymentFound: (payment: PiSdkPayment) => void, extraScopes: readonly "wallet_address"[] = []): Promise<PiAuthResult> {
  if (config.requiresFrame && !isFramed()) {
    throw new PiSdkError("not_in_pi_browser", "Open this app in Pi Browser to sign in with Pi (or in the Pi Sandbox on a computer).");
  }
  try {
    const pi = await getPi();
    return await pi.authenticate(["username", "payments", ...extraScopes], onIncompletePaymentFound);
  } catch (error) {
    throw signInError(error);
  }
}

// Pi refuses a new payment while the Pioneer has an unfinished one; its message is meant for developers.
const pendingPattern = /pending|ongoing|incomplete/i;

// Pi hands over the earlier, unfinished payment with this error (onIncompletePaymentFound gets it
// too): a payment other than this one's, or none.
function paymentError(error: Error, earlier: boolean): PiSdkError {
  if (earlier && pendingPattern.test(error.message)) return new PiSdkError("previous_payment_pending", "Finishing your previous payment first. Try again in a moment.");
  // Pi's own words are for developers (and English): keep them as the message, show the Pioneer ours.
  return new PiSdkError("payment_failed", error.message);
}

export async function createPiPayment(data: { amount: number; memo: string; metadata: Record<string, unknown> }, callbacks: PiPaymentCallbacks) {
  let own: string | null = null;
  (await getPi()).createPayment(data, {
    ...callbacks,
    onReadyForServerApproval: (paymentId) => {
      own = paymentId;
      callbacks.onReadyForServerApproval(paymentId);
    },
    onError: (error, payment) => callbacks.onError(paymentError(error, !payment || payment.identifier !== own), payment),
  });
}
