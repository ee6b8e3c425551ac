"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { isLocale, localeCookieName, localeNames, locales, type Locale } from "@/lib/i18n/locales";
import { useI18n } from "./use-i18n";

/**
 * Keeps the choice for a year; SameSite=None and Partitioned so it also holds inside Pi Browser's
 * and the Sandbox's frames. Some frames drop it anyway (WebKit's, where third-party cookies are
 * denied): whether it was kept is read back.
 */
const remember = (locale: Locale): boolean => {
  try {
    document.cookie = `${localeCookieName}=${locale}; Path=/; Max-Age=31536000; SameSite=None; Secure; Partitioned`;
    return document.cookie.split("; ").includes(`${localeCookieName}=${locale}`);
  } catch {
    return false;
  }
};

/** The Pioneer's language, remembered by the browser; the server renders the page again in it. */
export function LocaleSwitcher() {
  const { locale, t } = useI18n();
  const router = useRouter();
  const id = useId();
  const [notKept, setNotKept] = useState(false);
  return (
    <div className="locale-switcher">
      <label htmlFor={id}>{t("nav.language")}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (!isLocale(event.target.value)) return;
          const kept = remember(event.target.value);
          setNotKept(!kept);
          if (kept) router.refresh();
        }}
      >
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {localeNames[code]}
          </option>
        ))}
      </select>
      <span role="status" className="muted">
        {notKept ? t("nav.languageNotKept") : ""}
      </span>
    </div>
  );
}
