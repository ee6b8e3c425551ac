/**
 * The languages the app speaks. To add one: add its code here, copy a translation such as
 * messages/vi.ts (not en.ts, which declares the Messages type) to messages/<code>.ts and translate
 * it (TypeScript refuses a missing key), and register it in messages/index.ts. Its direction comes
 * from the list below.
 */
export const locales = ["en", "ar", "vi", "ko"] as const;
export type Locale = (typeof locales)[number];

export const defaultLocale: Locale = "en";

/** Each language's own name, for the switcher. */
export const localeNames: Record<Locale, string> = { en: "English", ar: "العربية", vi: "Tiếng Việt", ko: "한국어" };

const rightToLeft = new Set<Locale>(["ar"]);
export const directionOf = (locale: Locale): "ltr" | "rtl" => (rightToLeft.has(locale) ? "rtl" : "ltr");

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && (locales as readonly string[]).includes(value);

/** The Pioneer's choice, remembered by the browser (a partitioned cookie, so it survives framed pages). */
export const localeCookieName = "locale";

/** The best of our languages for an Accept-Language header ("ar-EG,ar;q=0.9,en;q=0.8"), else the default. */
export function negotiateLocale(acceptLanguage: string | null): Locale {
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.trim().slice(2) ?? "1");
      return { language: tag.toLowerCase().split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.language && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted.map((entry) => entry.language).find(isLocale) ?? defaultLocale;
}
