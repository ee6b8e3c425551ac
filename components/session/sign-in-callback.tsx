"use client";

import { AppLink } from "@/components/ui/app-link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { errorText, useI18n } from "@/components/i18n";
import { Button, Notice } from "@/components/ui";
import { finishPiSignIn, type CallbackOutcome } from "@/lib/client/pi-sign-in";
import { useSession } from "./use-session";

type Shown = { step: "working" } | { step: "failed"; reason: Exclude<CallbackOutcome, { ok: true }>["reason"] } | { step: "refused"; error: unknown };

/**
 * /signin/callback: where Pi Sign-in comes back. The token is in the URL fragment, which only this
 * page can read; the fragment leaves the address bar (and history) at once, the state is checked
 * and spent, and the token goes to POST /api/auth/signin like Pi.authenticate's.
 */
export function SignInCallback() {
  const { t } = useI18n();
  const { signIn, signInWithToken, signingIn } = useSession();
  const router = useRouter();
  const [shown, setShown] = useState<Shown>({ step: "working" });
  // Effects run twice in development: the fragment must be read (and its state spent) once.
  const read = useRef(false);

  useEffect(() => {
    if (read.current) return;
    read.current = true;
    const hash = window.location.hash;
    const here = window.location.pathname + window.location.search;
    window.history.replaceState(window.history.state, "", here);
    // Next's router watches history only from its own first effect, which runs after this one. Until
    // told, it keeps the address it loaded with and writes it back, token and all, at its next refresh
    // (a change of language, for one). Told once it listens, it forgets the token too.
    setTimeout(() => window.history.replaceState(null, "", here), 0);
    void Promise.resolve(finishPiSignIn(hash)).then((outcome) => {
      if (!outcome.ok) return setShown({ step: "failed", reason: outcome.reason });
      return signInWithToken(outcome.accessToken).then(
        () => router.replace(outcome.returnTo),
        (error: unknown) => setShown({ step: "refused", error }),
      );
    });
  }, [router, signInWithToken]);

  if (shown.step === "working") return <p role="status">{t("signin.working")}</p>;
  return (
    <>
      <Notice role="alert" tone="bad" boxed data-testid="signin-error">
        {shown.step === "failed" ? t(`signin.failed.${shown.reason}`) : errorText(shown.error, t)}
      </Notice>
      <p className="actions">
        <Button onClick={() => void signIn()} disabled={signingIn}>
          {t("signin.retry")}
        </Button>
        <AppLink href="/">{t("pages.backToShop")}</AppLink>
      </p>
    </>
  );
}
