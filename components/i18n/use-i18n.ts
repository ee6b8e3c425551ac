"use client";

import { createContext, useContext } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { ClientMessages } from "@/lib/i18n/messages/en";
import type { createFormatters, createTranslator } from "@/lib/i18n/translate";

export type I18n = {
  locale: Locale;
  messages: ClientMessages;
  t: ReturnType<typeof createTranslator<ClientMessages>>;
  format: ReturnType<typeof createFormatters>;
  /** When the server rendered this page (ISO time), for useClock; absent where nothing was rendered on a server. */
  renderedAt?: string;
};

export const I18nContext = createContext<I18n | null>(null);

/** The Pioneer's language in client components: `t(key, params)` and locale-aware formatters. */
export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useI18n() needs the <I18nProvider> of app/providers.tsx above it.");
  return i18n;
}
