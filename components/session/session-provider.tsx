"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import useSWR, { useSWRConfig } from "swr";
import { ApiError, fetcher } from "@/lib/client/api";
import type { SignedIn } from "@/lib/client/sign-in";
import { ordersKey, SessionContext, sessionKey, type SessionCookie, type SessionState } from "./use-session";

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));
const piSession = () => import("./pi-session");

/**
 * Owns the session for the page: mounted once (app/providers.tsx), so the silent restore and the
 * open-time payment checks run once however many components call useSession().
 */
export function SessionProvider({ children, cookie = "session" }: { children: ReactNode; cookie?: SessionCookie }) {
  const { mutate: mutateKey } = useSWRConfig();
  // Asked once there is something to ask about: a session cookie, or a sign-in made on this page.
  const [askServer, setAskServer] = useState(cookie === "session");
  const { data, error, isLoading, mutate } = useSWR<SignedIn, Error>(askServer ? sessionKey : null, fetcher, {
    shouldRetryOnError: false,
    revalidateOnFocus: false,
    // A session adopted before the key was asked for is fresh: no second request for it.
    revalidateIfStale: false,
  });
  const [signingIn, setSigningIn] = useState(false);
  const [actionError, setActionError] = useState<Error | null>(null);
  const signInStarted = useRef(false);
  const triedSilently = useRef(false);
  // The session uid already checked against Pi's Pioneer, and the one already reconciled.
  const followedFor = useRef<string | null>(null);
  const reconciledFor = useRef<string | null>(null);
  // Pi and reconcile answers may land after the provider is gone (its SWR cache with it): they then touch nothing.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const refreshOrders = useCallback(() => {
    if (mounted.current) void mutateKey(ordersKey);
  }, [mutateKey]);

  /** A session made from Pi's own token is Pi's Pioneer: Pi's incomplete-payment reports may go out. */
  const adopt = useCallback(
    async (session: SignedIn) => {
      followedFor.current = session.user.uid;
      (await piSession()).sendIncompleteReports(refreshOrders);
      await mutateKey(sessionKey, session, { revalidate: false });
      setAskServer(true);
      await mutateKey(ordersKey);
    },
    [mutateKey, refreshOrders],
  );

  const signIn = useCallback(async () => {
    signInStarted.current = true;
    setSigningIn(true);
    setActionError(null);
    try {
      await adopt(await (await piSession()).signInWithPi());
      return true;
    } catch (reason) {
      setActionError(asError(reason));
      return false;
    } finally {
      setSigningIn(false);
    }
  }, [adopt]);

  const signOut = useCallback(async () => {
    setActionError(null);
    try {
      await (await piSession()).signOut();
    } catch (reason) {
      // The server still holds the session: stay signed in, and say so.
      setActionError(new Error(`Could not sign out. ${asError(reason).message}`));
      return false;
    }
    triedSilently.current = true;
    await mutate(undefined, { revalidate: true });
    await mutateKey(ordersKey, undefined, { revalidate: false });
    return true;
  }, [mutate, mutateKey]);

  // After a 401, sign in again silently where that is expected, once the SDK is there and unless
  // the Pioneer tapped meanwhile. Once per page: never right after a sign-out, here or remembered
  // by the server (a sign-out this browser made answers `signed_out`).
  const unauthenticated = !askServer || (error instanceof ApiError && error.status === 401);
  const signedOutHere = askServer ? error instanceof ApiError && error.code === "signed_out" : cookie === "signed-out";
  useEffect(() => {
    if (!unauthenticated || triedSilently.current) return;
    triedSilently.current = true;
    if (signedOutHere) return;
    void piSession().then(async ({ mayRestoreSilently, piSdkReady }) => {
      if (mayRestoreSilently() && (await piSdkReady()) && !signInStarted.current) void signIn();
    });
  }, [unauthenticated, signedOutHere, signIn]);

  const user = data?.user ?? null;
  const uid = user?.uid;
  useEffect(() => {
    if (!uid) {
      followedFor.current = null;
      return;
    }
    // A session restored from the cookie or bearer skipped Pi.authenticate: ask Pi (once per page),
    // which also reports incomplete payments, and follow Pi if it now has another Pioneer. If the
    // Pioneer declines in Pi, say so: payments need Pi to confirm who is paying.
    if (followedFor.current !== uid) {
      followedFor.current = uid;
      void piSession().then(({ followPiIdentity, sendIncompleteReports, declinedInPi }) =>
        followPiIdentity(uid)
          .then((other) => (other ? adopt(other) : sendIncompleteReports(refreshOrders)))
          .catch((reason: unknown) => {
            if (declinedInPi(reason)) setActionError(new Error("You declined in Pi. Pi will ask again when you buy something."));
          }),
      );
    }
    // And let the server settle what Pi finished while the app was closed, once per Pioneer.
    if (reconciledFor.current !== uid) {
      reconciledFor.current = uid;
      void piSession()
        .then(({ requestReconcile }) => requestReconcile())
        .then(refreshOrders);
    }
  }, [uid, adopt, refreshOrders]);

  const sessionError = error && !unauthenticated ? error : null;
  const status = user ? "signed-in" : isLoading ? "loading" : "signed-out";
  const errorShown = actionError ?? sessionError;
  const session = useMemo<SessionState>(
    () => ({ user, admin: data?.admin ?? false, status, signingIn, error: errorShown, signIn, signOut }),
    [user, data?.admin, status, signingIn, errorShown, signIn, signOut],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
