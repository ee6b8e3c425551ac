// @vitest-environment node
import { describe, expect, it } from "vitest";
import { directionOf, negotiateLocale } from "@/lib/i18n/locales";
import { catalogs } from "@/lib/i18n/messages";
import { createFormatters, createTranslator } from "@/lib/i18n/translate";

describe("choosing a language", () => {
  it("takes the best of ours from Accept-Language, by weight, and falls back to English", () => {
    expect(negotiateLocale("ar-EG,ar;q=0.9,en;q=0.8")).toBe("ar");
    expect(negotiateLocale("fr-FR,fr;q=0.9,vi;q=0.8,en;q=0.5")).toBe("vi");
    expect(negotiateLocale("en;q=0.2, ko;q=0.7")).toBe("ko");
    expect(negotiateLocale("de, fr")).toBe("en");
    expect(negotiateLocale("ko;q=0")).toBe("en");
    expect(negotiateLocale(null)).toBe("en");
    expect(negotiateLocale(";;;,q=x")).toBe("en");
  });

  it("writes Arabic right to left and the others left to right", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(["en", "vi", "ko"].map((l) => directionOf(l as "en"))).toEqual(["ltr", "ltr", "ltr"]);
  });
});

describe("the translator", () => {
  it("fills placeholders and picks plural forms by the language's rules", () => {
    const en = createTranslator(catalogs.en, "en");
    expect(en("nav.paysInPi", { name: "Corner Shop" })).toBe("Corner Shop takes payments in Pi only.");
    expect(en("orders.closed", { count: 1 })).toBe("1 order closed without payment");
    expect(en("orders.closed", { count: 3 })).toBe("3 orders closed without payment");
    const ar = createTranslator(catalogs.ar, "ar");
    expect(ar("orders.closed", { count: 2 })).toBe(catalogs.ar.orders.closed.two);
    // Whether Arabic writes 11 or ١١ depends on the ICU data; the number is the language's own either way.
    expect(ar("orders.closed", { count: 11 })).toBe(catalogs.ar.orders.closed.many?.replace("{count}", new Intl.NumberFormat("ar").format(11)));
  });

  it("refuses a key that does not exist instead of showing it", () => {
    const en = createTranslator(catalogs.en, "en");
    expect(() => en("nav.nothing" as "nav.shop")).toThrow('Missing message "nav.nothing" for en');
  });
});

describe("formatting", () => {
  it("keeps every decimal of an amount in every language, from its decimal string", () => {
    expect(createFormatters("en").amount("3.1415926")).toBe("3.1415926");
    expect(createFormatters("vi").amount("1234.5")).toBe("1.234,5");
    expect(createFormatters("ko").amount("0.0000001")).toBe("0.0000001");
    const latin = (text: string) => text.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660)).replace("٫", ".");
    expect(latin(createFormatters("ar").amount("3.1415926"))).toBe("3.1415926");
  });

  it("writes dates as the language does", () => {
    const iso = "2026-03-04T10:00:00.000Z";
    expect(createFormatters("en").date(iso)).toBe("Mar 4, 2026");
    expect(createFormatters("ko").date(iso)).toBe("2026. 3. 4.");
  });
});
