"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import useSWR, { useSWRConfig } from "swr";
import { ApiError, fetcher } from "@/lib/client/api";
import type { SignedIn } from "@/lib/client/sign-in";
import { Problem } from "@/lib/i18n/problem";
import { paysHere, type Host } from "@/lib/pi/host";
import { ordersKey, SessionContext, sessionKey, type SessionCookie, type SessionState } from "./use-session";

const asError = (reason: unknown) => (reason instanceof Error ? reason : new Error(String(reason)));
const piSession = () => import("./pi-session");

/**
 * Owns the session for the page: mounted once (app/providers.tsx), so the host check, the silent
 * restore and the open-time payment checks run once however many components call useSession().
 * Inside Pi Browser or the Sandbox, "Sign in with Pi" is Pi.authenticate; anywhere else it is Pi
 * Sign-in, which leaves for Pi's authorize page and comes back to /signin/callback.
 */
export function SessionProvider({ children, cookie = "session", viewer = null }: { children: ReactNode; cookie?: SessionCookie; viewer?: SignedIn | null }) {
  const { mutate: mutateKey } = useSWRConfig();
  // Asked once there is something to ask about: a session cookie, or a sign-in made on this page.
  const [askServer, setAskServer] = useState(cookie === "session");
  // Whom the server found behind the page's cookie: shown from the first paint, until the server is asked again.
  const [seed, setSeed] = useState(viewer);
  const { data, error, isLoading, mutate } = useSWR<SignedIn, Error>(askServer ? sessionKey : null, fetcher, {
    shouldRetryOnError: false,
    revalidateOnFocus: false,
    // A session adopted before the key was asked for is fresh: no second request for it.
    revalidateIfStale: false,
    fallbackData: seed ?? undefined,
  });
  const [signingIn, setSigningIn] = useState(false);
  const [host, setHost] = useState<Host | null>(null);
  const [actionError, setActionError] = useState<Error | null>(null);
  const signInStarted = useRef(false);
  const triedSilently = useRef(false);
  // The session uid already checked against Pi's Pioneer, and the one already reconciled.
  const followedFor = useRef<string | null>(null);
  const reconciledFor = useRef<string | null>(null);
  // Whose orders the SWR cache may hold: a sign-in of anyone else clears them first.
  const ordersFor = useRef<string | null>(viewer?.user.uid ?? null);
  // Pi and reconcile answers may land after the provider is gone (its SWR cache with it): they then
  // touch nothing. A provider gone before its lazy module loaded asks for no reconcile either.
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
      if (ordersFor.current !== session.user.uid) {
        ordersFor.current = session.user.uid;
        await mutateKey(ordersKey, undefined, { revalidate: false });
      }
      (await piSession()).sendIncompleteReports(refreshOrders);
      await mutateKey(sessionKey, session, { revalidate: false });
      setAskServer(true);
      await mutateKey(ordersKey);
    },
    [mutateKey, refreshOrders],
  );

  // Watched rather than asked once: on a slow network Pi's script may arrive after the first check gave up.
  useEffect(() => {
    let unwatch: (() => void) | null = null;
    let gone = false;
    void piSession().then(({ watchHost }) => {
      if (!gone) unwatch = watchHost(setHost);
    });
    return () => {
      gone = true;
      unwatch?.();
    };
  }, []);

  const signIn = useCallback(async () => {
    signInStarted.current = true;
    setSigningIn(true);
    setActionError(null);
    try {
      const pi = await piSession();
      if ((await pi.detectHost()) === "browser") {
        // The page leaves for Pi's authorize page; the session is made on the way back.
        await pi.beginPiSignIn(window.location.pathname + window.location.search);
        return false;
      }
      await adopt(await pi.signInWithPi());
      return true;
    } catch (reason) {
      setActionError(asError(reason));
      return false;
    } finally {
      setSigningIn(false);
    }
  }, [adopt]);

  const signInWithToken = useCallback(
    async (accessToken: string) => {
      setActionError(null);
      await adopt(await (await piSession()).openSession(accessToken));
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    setActionError(null);
    try {
      await (await piSession()).signOut();
    } catch (reason) {
      // The server still holds the session: stay signed in, and say so.
      setActionError(new Problem("session.signOutFailed", {}, reason));
      return false;
    }
    triedSilently.current = true;
    setSeed(null);
    await mutate(undefined, { revalidate: true });
    await mutateKey(ordersKey, undefined, { revalidate: false });
    return true;
  }, [mutate, mutateKey]);

  // After a 401 (or with no session cookie at all), sign in again silently where that is expected:
  // inside a Pi host (Pi does not ask twice; elsewhere it would mean leaving the page), unless the
  // Pioneer tapped meanwhile. Once per page: never right after a sign-out, here or remembered by the
  // server (`signed_out`).
  const unauthenticated = !askServer || (error instanceof ApiError && error.status === 401);
  const signedOutHere = askServer ? error instanceof ApiError && error.code === "signed_out" : cookie === "signed-out";
  useEffect(() => {
    if (!unauthenticated || triedSilently.current) return;
    if (signedOutHere) {
      triedSilently.current = true;
      return;
    }
    // Decided once the host is known, however late Pi's script arrives.
    if (host === null) return;
    triedSilently.current = true;
    if (!paysHere(host)) return;
    void piSession().then(({ mayRestoreSilently }) => {
      if (mayRestoreSilently() && !signInStarted.current) void signIn();
    });
  }, [unauthenticated, signedOutHere, signIn, host]);

  // A 401 outweighs the seed: the session ended since the page was rendered.
  const user = unauthenticated ? null : (data?.user ?? null);
  const uid = user?.uid;
  useEffect(() => {
    if (!uid) {
      followedFor.current = null;
      return;
    }
    // A session restored from the cookie or bearer skipped Pi.authenticate: ask Pi (once per page),
    // which also reports incomplete payments, and follow Pi if it now has another Pioneer. If the
    // Pioneer declines in Pi, say so: payments need Pi to confirm who is paying.
    // Outside a Pi host there is no Pi.authenticate to ask; until the host is known, this waits.
    if (followedFor.current !== uid && paysHere(host)) {
      followedFor.current = uid;
      void piSession().then(async ({ followPiIdentity, sendIncompleteReports, declinedInPi }) => {
        await followPiIdentity(uid)
          .then((other) => (other ? adopt(other) : sendIncompleteReports(refreshOrders)))
          .catch((reason: unknown) => {
            if (declinedInPi(reason)) setActionError(new Problem("session.declinedWhileSignedIn"));
          });
      });
    }
    // And let the server settle what Pi finished while the app was closed, once per Pioneer; the
    // orders (in the page's HTML, or being fetched) are fetched again only if that changed one.
    if (reconciledFor.current !== uid) {
      reconciledFor.current = uid;
      void piSession()
        .then(({ requestReconcile }) => mounted.current && requestReconcile())
        .then((changed) => changed && refreshOrders());
    }
  }, [uid, host, adopt, refreshOrders]);

  const sessionError = error && !unauthenticated ? error : null;
  const status = user ? "signed-in" : isLoading ? "loading" : "signed-out";
  const errorShown = actionError ?? sessionError;
  const session = useMemo<SessionState>(
    () => ({ user, admin: user ? (data?.admin ?? false) : false, status, host, signingIn, error: errorShown, signIn, signInWithToken, signOut }),
    [user, data?.admin, status, host, signingIn, errorShown, signIn, signInWithToken, signOut],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
