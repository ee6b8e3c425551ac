"use client";

import { useSession } from "@/hooks/use-session";

/**
 * Sign-in state: the Pioneer's name and sign-out, or the sign-in button. One alert region, kept
 * across both, says what went wrong with either.
 */
export function SessionPanel() {
  const { user, status, signingIn, error, signIn, signOut } = useSession();

  if (status === "loading") {
    return (
      <section className="card" aria-busy="true">
        <p className="muted">Checking your session…</p>
      </section>
    );
  }

  return (
    <section className="card" aria-label={user ? "Your account" : "Sign in"}>
      {user ? (
        <div className="session">
          <p>
            Signed in as <strong data-testid="username">{user.username ?? "a Pioneer"}</strong>
          </p>
          <button type="button" className="button secondary" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      ) : (
        <>
          <p>Sign in with your Pi account to buy and see your orders.</p>
          <button type="button" className="button primary" onClick={() => void signIn()} disabled={signingIn}>
            {signingIn ? "Signing in…" : "Sign in with Pi"}
          </button>
        </>
      )}
      <p role="alert" className="error">
        {error?.message ?? ""}
      </p>
    </section>
  );
}
