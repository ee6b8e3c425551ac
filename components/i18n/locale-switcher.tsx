"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";
import { isLocale, localeCookieName, localeNames, locales } from "@/lib/i18n/locales";
import { useI18n } from "./use-i18n";

// A year; SameSite=None and Partitioned so the choice also holds inside Pi Browser's and the Sandbox's frames.
const remember = (locale: string) => {
  document.cookie = `${localeCookieName}=${locale}; Path=/; Max-Age=31536000; SameSite=None; Secure; Partitioned`;
};

/** The Pioneer's language, remembered by the browser; the server renders the page again in it. */
export function LocaleSwitcher() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const id = useId();
  return (
    <div className="locale-switcher">
      <label htmlFor={id}>{t("nav.language")}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (!isLocale(event.target.value)) return;
          remember(event.target.value);
          router.refresh();
        }}
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
