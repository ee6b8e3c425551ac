"use client";

import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n";
import { SessionProvider, type SessionCookie } from "@/components/session";
import { configurePiSignIn, type PiSignInConfig } from "@/lib/client/pi-sign-in-config";
import type { SignedIn } from "@/lib/client/sign-in";
import type { Locale } from "@/lib/i18n/locales";
import type { ClientMessages } from "@/lib/i18n/messages/en";

type Props = { locale: Locale; messages: ClientMessages; renderedAt: string; piSignIn: PiSignInConfig; cookie: SessionCookie; viewer: SignedIn | null; children: ReactNode };

/** Everything every page shares, mounted once: any page may call useSession() and useI18n(). */
export function Providers({ locale, messages, renderedAt, piSignIn, cookie, viewer, children }: Props) {
  configurePiSignIn(piSignIn);
  return (
    <I18nProvider locale={locale} messages={messages} renderedAt={renderedAt}>
      <SessionProvider cookie={cookie} viewer={viewer}>{children}</SessionProvider>
    </I18nProvider>
  );
}
