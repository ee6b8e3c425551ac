"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import useSWR, { useSWRConfig } from "swr";
import { ordersKey, SessionContext, sessionKey, type SessionState } from "@/hooks/use-session";
import { ApiError, fetcher } from "@/lib/client/api";
import { reconcilePayments } from "@/lib/client/payments";
import { hasSignedInBefore, resolveIncompletePayments, signInWithPi, signOut as signOutRequest } from "@/lib/client/sign-in";
import type { Pioneer } from "@/lib/pi/mappers";

/**
 * Owns the session for the page: one instance, so the silent restore and the open-time payment
 * checks run once however many components call useSession().
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { mutate: mutateKey } = useSWRConfig();
  const { data, error, isLoading, mutate } = useSWR<{ user: Pioneer }, Error>(sessionKey, fetcher, {
    shouldRetryOnError: false,
    revalidateOnFocus: false,
  });
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<Error | null>(null);
  const triedSilently = useRef(false);
  const checkedIncomplete = useRef(false);
  const reconciledFor = useRef<string | null>(null);
  const refreshOrders = useCallback(() => void mutateKey(ordersKey), [mutateKey]);

  const signIn = useCallback(async () => {
    setSigningIn(true);
    setSignInError(null);
    // Pi.authenticate reports incomplete payments itself: no second ask this page.
    checkedIncomplete.current = true;
    try {
      const user = await signInWithPi(refreshOrders);
      await mutate({ user }, { revalidate: false });
      await mutateKey(ordersKey);
    } catch (reason) {
      setSignInError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setSigningIn(false);
    }
  }, [mutate, mutateKey, refreshOrders]);

  const signOut = useCallback(async () => {
    await signOutRequest().catch(() => undefined);
    await mutate(undefined, { revalidate: true });
    await mutateKey(ordersKey, undefined, { revalidate: false });
  }, [mutate, mutateKey]);

  const unauthenticated = error instanceof ApiError && error.status === 401;
  useEffect(() => {
    if (unauthenticated && !triedSilently.current && hasSignedInBefore()) {
      triedSilently.current = true;
      void signIn();
    }
  }, [unauthenticated, signIn]);

  const user = data?.user ?? null;
  useEffect(() => {
    if (!user) return;
    // A session restored from the cookie or bearer skipped Pi.authenticate: ask Pi once per page.
    if (!checkedIncomplete.current) {
      checkedIncomplete.current = true;
      resolveIncompletePayments(refreshOrders).catch(() => undefined);
    }
    // And let the server settle what Pi finished while the app was closed, once per Pioneer.
    if (reconciledFor.current !== user.uid) {
      reconciledFor.current = user.uid;
      void reconcilePayments().then(refreshOrders);
    }
  }, [user, refreshOrders]);

  const sessionError = error && !unauthenticated ? error : null;
  const status = user ? "signed-in" : isLoading ? "loading" : "signed-out";
  const errorShown = signInError ?? sessionError;
  const session = useMemo<SessionState>(
    () => ({ user, status, signingIn, error: errorShown, signIn, signOut }),
    [user, status, signingIn, errorShown, signIn, signOut],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}
