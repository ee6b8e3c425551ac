import type { Pioneer } from "@/lib/contract";
import { isFramed } from "@/lib/pi/sdk";
import { api, setSessionToken } from "./api";
import { authenticateForPayouts, authenticatePage, forgetPiAuthentication } from "./pi-auth";

// A hint (not a credential) of how this browser last left the app: "1" after a sign-in, "0" after
// a sign-out. It survives reloads; the session token itself never is stored.
const hintKey = "pi-app:signed-in-before";
const hints = { in: "1", out: "0" } as const;

function readHint(): string | null {
  try {
    return window.localStorage.getItem(hintKey);
  } catch {
    return null;
  }
}

function writeHint(value: keyof typeof hints) {
  try {
    window.localStorage.setItem(hintKey, hints[value]);
  } catch {
    // Storage can be blocked in framed pages; the hint is only a convenience.
  }
}

/**
 * Whether a lost session may be restored without a tap (Pi does not ask twice): in a browser that
 * signed in before, or framed as Pi Browser and the Sandbox frame apps, since iOS Pi Browser drops
 * the hint along with the cookie. A sign-out this browser remembers is respected either way (the
 * server's signed-out mark covers frames whose storage is blocked; see SessionProvider).
 */
export function mayRestoreSilently(): boolean {
  const hint = readHint();
  return hint === hints.in || (hint !== hints.out && isFramed());
}

/** A session as our server describes it: the Pioneer, and whether they may open /debug. */
export type SignedIn = { user: Pioneer; admin: boolean };

/**
 * Our server verifies Pi's access token with Pi's /me and opens a session for whoever it names:
 * one path for Pi.authenticate's token and Pi Sign-in's.
 */
export async function openSession(accessToken: string): Promise<SignedIn> {
  const { user, admin, sessionToken } = await api<SignedIn & { sessionToken: string }>("/api/auth/signin", {
    method: "POST",
    body: { accessToken },
  });
  setSessionToken(sessionToken);
  writeHint("in");
  return { user, admin };
}

/** Pi.authenticate (the page's one, reused if it already ran or is under way), then a session from its token. */
export async function signInWithPi(): Promise<SignedIn> {
  try {
    return await openSession((await authenticatePage()).accessToken);
  } catch (error) {
    // The next attempt asks Pi for a fresh token rather than resending this one.
    forgetPiAuthentication();
    throw error;
  }
}

/**
 * Asks Pi again with the wallet_address scope (Pi shows its consent sheet), then opens a session from
 * the new token, so the next payout run may pay the Pioneer. Offered only to a Pioneer whose payout
 * waits for this consent, which exists only while payouts are on: sign-in never asks for it.
 */
export async function allowWalletPayouts(): Promise<SignedIn> {
  const { accessToken } = await authenticateForPayouts();
  return openSession(accessToken);
}

/**
 * A session restored from the cookie or bearer is whoever signed in last; Pi may now have another
 * Pioneer signed in (another account in Pi Browser, another test Pioneer in the emulator's tab).
 * Identity follows Pi: the session Pioneer's uid is checked against Pi.authenticate's, and on a
 * difference Pi's token is exchanged for a session of its Pioneer, which is returned.
 */
export async function followPiIdentity(sessionUid: string): Promise<SignedIn | null> {
  const auth = await authenticatePage();
  return auth.user.uid === sessionUid ? null : openSession(auth.accessToken);
}

/** A failed request leaves the session (and the Pioneer) as they were, and throws. */
export async function signOut() {
  await api("/api/auth/signout", { method: "POST" });
  setSessionToken(null);
  writeHint("out");
  forgetPiAuthentication();
}
