"use client";

import { useMemo, type ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import type { ClientMessages } from "@/lib/i18n/messages/en";
import { createFormatters, createTranslator } from "@/lib/i18n/translate";
import { I18nContext, type I18n } from "./use-i18n";

/** Gives client components the one language the server chose for this page (its messages arrive as props). */
export function I18nProvider({ locale, messages, renderedAt, children }: { locale: Locale; messages: ClientMessages; renderedAt?: string; children: ReactNode }) {
  const i18n = useMemo<I18n>(() => ({ locale, messages, t: createTranslator(messages, locale), format: createFormatters(locale), renderedAt }), [locale, messages, renderedAt]);
  return <I18nContext value={i18n}>{children}</I18nContext>;
}
