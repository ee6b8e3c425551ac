import type { Locale } from "./locales";

/**
 * Plural forms of one message; Intl.PluralRules picks the form, `other` is the fallback. A group of
 * messages is told from a plural by its `other` key, so `other` names nothing else.
 */
export type PluralForms = { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export const plural = (forms: PluralForms): PluralForms => forms;

type Tree = { readonly [key: string]: string | PluralForms | Tree };

/** "orders.heading"-style keys of a message tree, plural groups included as one key. */
export type KeyOf<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string | PluralForms ? `${Prefix}${K}` : KeyOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

export type Params = Record<string, string | number>;

function lookup(tree: Tree, key: string): string | PluralForms | Tree | undefined {
  let node: string | PluralForms | Tree | undefined = tree;
  for (const part of key.split(".")) node = typeof node === "object" ? (node as Tree)[part] : undefined;
  return node;
}

const isPlural = (node: unknown): node is PluralForms => typeof node === "object" && node !== null && typeof (node as PluralForms).other === "string";

/**
 * Makes an Intl object on first use. A page's first number or date format costs a phone's main
 * thread tens of milliseconds (the engine loads its locale data), so a page that formats nothing
 * while it hydrates should not pay for it then (docs/PERFORMANCE.md).
 */
function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

/**
 * `t(key, params)` for one locale's messages: `{name}` placeholders are filled from `params`, and
 * `{count}` picks a plural form. A key that is missing throws: the types and a test keep every
 * language complete, so a raw key never reaches the screen.
 */
export function createTranslator<M extends Tree>(messages: M, locale: Locale) {
  const plurals = lazy(() => new Intl.PluralRules(locale));
  const number = lazy(() => new Intl.NumberFormat(locale));
  const fill = (text: string, params: Params) =>
    text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === "number" ? number().format(value) : value;
    });

  return function t(key: KeyOf<M>, params: Params = {}): string {
    const node = lookup(messages, key);
    if (typeof node === "string") return fill(node, params);
    if (isPlural(node)) {
      const count = typeof params.count === "number" ? params.count : 0;
      const form = plurals().select(count);
      return fill(node[form] ?? node.other, params);
    }
    throw new Error(`Missing message "${String(key)}" for ${locale}`);
  };
}

const dateStyles = {
  date: { dateStyle: "medium" },
  time: { timeStyle: "short" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * Amounts, dates and times as the Pioneer's language writes them. Amounts stay exact: they are
 * formatted from their decimal string. Dates and times are in the device's time zone unless
 * `timeZone` names one (a page's server render, which cannot know the device's: see useClock).
 */
export function createFormatters(locale: Locale) {
  const amount = lazy(() => new Intl.NumberFormat(locale, { maximumFractionDigits: 7 }));
  const made = new Map<string, Intl.DateTimeFormat>();
  const dates = (style: keyof typeof dateStyles, timeZone: string | undefined) => {
    const key = `${style} ${timeZone ?? ""}`;
    let format = made.get(key);
    if (!format) made.set(key, (format = new Intl.DateTimeFormat(locale, { ...dateStyles[style], timeZone })));
    return format;
  };
  return {
    amount: (value: string | number) => amount().format(String(value) as `${number}`),
    date: (iso: string, timeZone?: string) => dates("date", timeZone).format(new Date(iso)),
    time: (iso: string, timeZone?: string) => dates("time", timeZone).format(new Date(iso)),
    dateTime: (iso: string, timeZone?: string) => dates("dateTime", timeZone).format(new Date(iso)),
  };
}
