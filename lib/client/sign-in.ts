import type { Pioneer } from "@/lib/pi/mappers";
import { authenticateWithPi } from "@/lib/pi/sdk";
import type { PiSdkPayment } from "@/lib/pi/sdk-types";
import type { IncompleteOutcome } from "@/lib/payments/incomplete";
import { api, setSessionToken } from "./api";

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

/**
 * Pi.authenticate, then our server verifies the access token with Pi's /me and opens a session.
 * Pi may report an unfinished payment during authenticate, before we have a session: it is
 * resolved right after sign-in, with only its id sent to the server.
 */
export async function signInWithPi(onIncompleteResolved: (outcome: IncompleteOutcome) => void): Promise<Pioneer> {
  let sessionReady = false;
  const pending: string[] = [];
  const resolveIncomplete = (paymentId: string) =>
    api<IncompleteOutcome>("/api/payments/incomplete", { method: "POST", body: { paymentId } }).then(onIncompleteResolved, () => undefined);
  const onIncompletePaymentFound = (payment: PiSdkPayment) => {
    if (sessionReady) void resolveIncomplete(payment.identifier);
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
  for (const paymentId of pending.splice(0)) void resolveIncomplete(paymentId);
  return user;
}

export async function signOut() {
  try {
    await api("/api/auth/signout", { method: "POST" });
  } finally {
    setSessionToken(null);
    rememberSignedIn(false);
  }
}
