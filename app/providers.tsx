"use client";

import type { ReactNode } from "react";
import { I18nProvider } from "@/components/i18n";
import { SessionProvider, type SessionCookie } from "@/components/session";
import { configurePiSignIn, type PiSignInConfig } from "@/lib/client/pi-sign-in-config";
import type { Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages/en";

type Props = { locale: Locale; messages: Messages; piSignIn: PiSignInConfig; cookie: SessionCookie; children: ReactNode };

/** Everything every page shares, mounted once: any page may call useSession() and useI18n(). */
export function Providers({ locale, messages, piSignIn, cookie, children }: Props) {
  configurePiSignIn(piSignIn);
  return (
    <I18nProvider locale={locale} messages={messages}>
      <SessionProvider cookie={cookie}>{children}</SessionProvider>
    </I18nProvider>
  );
}
