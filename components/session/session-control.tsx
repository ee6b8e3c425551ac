"use client";

import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n";
import { Button, focusPageTitle } from "@/components/ui";
import { useSession } from "./use-session";

/**
 * The account corner of the header: the Pioneer's name and "Sign out", or "Sign in with Pi".
 * After a sign-in focus moves to the page's title, after a sign-out to "Sign in with Pi", and a
 * status line announces either.
 */
export function SessionControl() {
  const { user, status, signingIn, signIn, signOut } = useSession();
  const { t } = useI18n();
  const [announcement, setAnnouncement] = useState("");
  const signInButton = useRef<HTMLButtonElement>(null);
  const focusSignInNext = useRef(false);

  useEffect(() => {
    if (status === "signed-out" && focusSignInNext.current) {
      focusSignInNext.current = false;
      signInButton.current?.focus();
    }
  }, [status]);

  const onSignIn = async () => {
    if (!(await signIn())) return;
    setAnnouncement(t("session.announceIn"));
    focusPageTitle();
  };
  const onSignOut = async () => {
    focusSignInNext.current = true;
    if (await signOut()) setAnnouncement(t("session.announceOut"));
    else focusSignInNext.current = false;
  };

  return (
    <div className="account" data-testid="account">
      {status === "signed-in" && user ? (
        <>
          <span className="account-name">
            <span className="visually-hidden">{t("session.signedInAs")} </span>
            <span data-testid="username">{user.username ?? t("session.aPioneer")}</span>
          </span>
          <Button variant="secondary" onClick={() => void onSignOut()}>
            {t("session.signOut")}
          </Button>
        </>
      ) : status === "signed-out" ? (
        <Button ref={signInButton} onClick={() => void onSignIn()} disabled={signingIn}>
          {signingIn ? t("session.signingIn") : t("session.signIn")}
        </Button>
      ) : (
        <span className="muted">{t("session.checking")}</span>
      )}
      <span role="status" className="visually-hidden">
        {announcement}
      </span>
    </div>
  );
}
