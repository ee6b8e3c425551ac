"use client";

import { createContext, useContext } from "react";
import type { Pioneer } from "@/lib/pi/mappers";

export const sessionKey = "/api/auth/session";
export const ordersKey = "/api/orders";

export type SessionState = {
  user: Pioneer | null;
  status: "loading" | "signed-in" | "signed-out";
  signingIn: boolean;
  error: Error | null;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
};

export const SessionContext = createContext<SessionState | null>(null);

/**
 * The one place the UI reads the signed-in Pioneer from. It only reads: <SessionProvider> owns
 * the session and its once-per-page work (silent restore, incomplete payments, reconciliation).
 */
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession() needs a <SessionProvider> above it.");
  return session;
}
