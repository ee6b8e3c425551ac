import type { Pioneer } from "@/lib/pi/mappers";
import { authenticateWithPi } from "@/lib/pi/sdk";
import type { PiSdkPayment } from "@/lib/pi/sdk-types";
import type { IncompleteOutcome } from "@/lib/payments/incomplete";
import { api, setSessionToken } from "./api";
import { retryTransient } from "./retry";

// A hint (not a credential) that this browser signed in before, so a lost session is restored
// silently instead of waiting for a tap. It survives reloads; the session token itself never is stored.
const signedInBeforeKey = "pi-app:signed-in-before";

export function hasSignedInBefore(): boolean {
  try {
    return window.localStorage.getItem(signedInBeforeKey) === "1";
  } catch {
    return false;
  }
}

function rememberSignedIn(value: boolean) {
  try {
    if (value) window.localStorage.setItem(signedInBeforeKey, "1");
    else window.localStorage.removeItem(signedInBeforeKey);
  } catch {
    // Storage can be blocked in framed pages; the hint is only a convenience.
  }
}

type OnResolved = (outcome: IncompleteOutcome) => void;

/**
 * Sends only the payment's id: the server reads everything else from Pi itself. A lost answer is
 * asked again a couple of times; after that Pi reports the payment again at the next open.
 */
function resolveIncomplete(paymentId: string, onResolved: OnResolved) {
  const request = () => api<IncompleteOutcome>("/api/payments/incomplete", { method: "POST", body: { paymentId } });
  retryTransient(request, [1000, 2000]).then(onResolved, () => undefined);
}

/**
 * Pi.authenticate, then our server verifies the access token with Pi's /me and opens a session.
 * Pi may report an unfinished payment during authenticate, before we have a session: it is
 * resolved right after sign-in, with only its id sent to the server.
 */
export async function signInWithPi(onIncompleteResolved: OnResolved): Promise<Pioneer> {
  let sessionReady = false;
  const pending: string[] = [];
  const onIncompletePaymentFound = (payment: PiSdkPayment) => {
    if (sessionReady) resolveIncomplete(payment.identifier, onIncompleteResolved);
    else pending.push(payment.identifier);
  };

  const auth = await authenticateWithPi(onIncompletePaymentFound);
  const { user, sessionToken } = await api<{ user: Pioneer; sessionToken: string }>("/api/auth/signin", {
    method: "POST",
    body: { accessToken: auth.accessToken },
  });
  setSessionToken(sessionToken);
  rememberSignedIn(true);
  sessionReady = true;
  for (const paymentId of pending.splice(0)) resolveIncomplete(paymentId, onIncompleteResolved);
  return user;
}

/**
 * Pi reports a Pioneer's unfinished payment only through authenticate's callback, so an app opened
 * with a live session still asks (silently, after the first consent) and resolves what Pi reports.
 */
export async function resolveIncompletePayments(onResolved: OnResolved) {
  await authenticateWithPi((payment) => resolveIncomplete(payment.identifier, onResolved));
}

export async function signOut() {
  try {
    await api("/api/auth/signout", { method: "POST" });
  } finally {
    setSessionToken(null);
    rememberSignedIn(false);
  }
}
