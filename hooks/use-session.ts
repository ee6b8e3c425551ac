"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWR, { useSWRConfig } from "swr";
import { ApiError, fetcher } from "@/lib/client/api";
import { hasSignedInBefore, resolveIncompletePayments, signInWithPi, signOut as signOutRequest } from "@/lib/client/sign-in";
import type { Pioneer } from "@/lib/pi/mappers";

export const sessionKey = "/api/auth/session";
export const ordersKey = "/api/orders";

type SessionState = {
  user: Pioneer | null;
  status: "loading" | "signed-in" | "signed-out";
  signingIn: boolean;
  error: Error | null;
  signIn: () => Promise<void>;
  signOut: () => Promise<void>;
};

/** The one place the UI reads the signed-in Pioneer from. A lost session is restored silently. */
export function useSession(): SessionState {
  const { mutate: mutateKey } = useSWRConfig();
  const { data, error, isLoading, mutate } = useSWR<{ user: Pioneer }, Error>(sessionKey, fetcher, {
    shouldRetryOnError: false,
    revalidateOnFocus: false,
  });
  const [signingIn, setSigningIn] = useState(false);
  const [signInError, setSignInError] = useState<Error | null>(null);
  const triedSilently = useRef(false);
  const checkedIncomplete = useRef(false);

  const signIn = useCallback(async () => {
    setSigningIn(true);
    setSignInError(null);
    checkedIncomplete.current = true;
    try {
      const user = await signInWithPi(() => void mutateKey(ordersKey));
      await mutate({ user }, { revalidate: false });
      await mutateKey(ordersKey);
    } catch (reason) {
      setSignInError(reason instanceof Error ? reason : new Error(String(reason)));
    } finally {
      setSigningIn(false);
    }
  }, [mutate, mutateKey]);

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
    // A session restored from the cookie or bearer skipped Pi.authenticate: ask Pi once per page.
    if (user && !checkedIncomplete.current) {
      checkedIncomplete.current = true;
      resolveIncompletePayments(() => void mutateKey(ordersKey)).catch(() => undefined);
    }
  }, [user, mutateKey]);

  const sessionError = error && !unauthenticated ? error : null;
  return {
    user,
    status: user ? "signed-in" : isLoading ? "loading" : "signed-out",
    signingIn,
    error: signInError ?? sessionError,
    signIn,
    signOut,
  };
}
