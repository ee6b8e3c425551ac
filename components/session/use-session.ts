"use client";

import { createContext, useContext } from "react";
import type { Pioneer } from "@/lib/contract";
import type { Host } from "@/lib/pi/host";

export const sessionKey = "/api/auth/session";
export const ordersKey = "/api/orders";

/**
 * The cookies of the page's request, as the root layout saw them: a session cookie (ask the server
 * whose it is), only the signed-out mark, or neither. Without a session cookie the server's answer
 * is known (a fresh page holds no bearer token), so the page starts signed out and asks nothing.
 */
export type SessionCookie = "session" | "signed-out" | "none";

export type SessionState = {
  user: Pioneer | null;
  /** The Pioneer is in ADMIN_UIDS (or this is development against the emulator): /debug is theirs. */
  admin: boolean;
  status: "loading" | "signed-in" | "signed-out";
  /** Where the app runs (lib/pi/host.ts); null while that is being found out. Payments need a Pi host. */
  host: Host | null;
  signingIn: boolean;
  /** What went wrong with the session, a sign-in or a sign-out (shown through components/i18n's errorText). */
  error: Error | null;
  /** Resolves true once signed in; never throws (a failure lands in `error`). Outside a Pi host it leaves for Pi Sign-in. */
  signIn: () => Promise<boolean>;
  /** Opens a session from a Pi Sign-in access token (the callback page); rejects when the server refuses it. */
  signInWithToken: (accessToken: string) => Promise<void>;
  /** Resolves true once signed out; never throws. */
  signOut: () => Promise<boolean>;
};

export const SessionContext = createContext<SessionState | null>(null);

/**
 * The one place the UI reads the signed-in Pioneer from. It only reads: <SessionProvider>, mounted
 * once in the root layout, owns the session and its once-per-page work (silent restore, incomplete
 * payments, reconciliation).
 */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() needs the <SessionProvider> of app/providers.tsx above it.");
  return session;
}
