import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { isLocale, localeCookieName, negotiateLocale, type Locale } from "./locales";
import { catalogs } from "./messages";
import { createFormatters, createTranslator } from "./translate";

/** The Pioneer's language for this request: their choice (the cookie), else Accept-Language, else English. */
export const getLocale = cache(async (): Promise<Locale> => {
  const chosen = (await cookies()).get(localeCookieName)?.value;
  if (isLocale(chosen)) return chosen;
  return negotiateLocale((await headers()).get("accept-language"));
});

/** What a server component needs to speak the Pioneer's language. */
export const getI18n = cache(async () => {
  const locale = await getLocale();
  const messages = catalogs[locale];
  return { locale, messages, t: createTranslator(messages, locale), format: createFormatters(locale) };
});
