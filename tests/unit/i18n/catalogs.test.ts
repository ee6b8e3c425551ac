// @vitest-environment node
import { describe, expect, it } from "vitest";
import { locales } from "@/lib/i18n/locales";
import { catalogs, clientMessages } from "@/lib/i18n/messages";
import { en } from "@/lib/i18n/messages/en";
import { catalog } from "@/lib/shop";

type Node = string | { [key: string]: Node };

/** Every leaf of a message tree as "a.b.c" → text. */
function leaves(tree: Node, prefix = ""): Map<string, string> {
  if (typeof tree === "string") return new Map([[prefix, tree]]);
  return new Map(Object.entries(tree).flatMap(([key, child]) => [...leaves(child, prefix ? `${prefix}.${key}` : key)]));
}

const placeholders = (text: string) => new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
const pluralForms = new Set(["zero", "one", "two", "few", "many", "other"]);
const isPluralForm = (key: string) => pluralForms.has(key.split(".").at(-1) ?? "");
const groupOf = (key: string) => key.split(".").slice(0, -1).join(".");
const english = leaves(en);

describe.each(locales.filter((locale) => locale !== "en"))("the %s messages", (locale) => {
  const translated = leaves(catalogs[locale]);

  it("have every English message and nothing else (plural groups may use their language's forms)", () => {
    const singular = (map: Map<string, string>) => [...map.keys()].filter((key) => !isPluralForm(key)).sort();
    const groups = (map: Map<string, string>) => [...new Set([...map.keys()].filter(isPluralForm).map(groupOf))].sort();
    expect(singular(translated)).toEqual(singular(english));
    expect(groups(translated)).toEqual(groups(english));
    for (const group of groups(english)) expect(translated.has(`${group}.other`), `${group}.other`).toBe(true);
  });

  it("keep every placeholder, so no value goes missing and none is shown raw", () => {
    for (const [key, text] of translated) {
      const reference = isPluralForm(key) ? english.get(`${groupOf(key)}.other`) : english.get(key);
      const wanted = placeholders(reference ?? "");
      const found = placeholders(text);
      // A plural form may spell its number out ("one order"); it may never invent a placeholder.
      for (const name of found) expect(wanted.has(name), `${key} uses {${name}}`).toBe(true);
      if (!isPluralForm(key) || key.endsWith(".other")) expect(found, key).toEqual(wanted);
      expect(text.trim(), key).not.toBe("");
    }
  });
});

it("names every product of the catalog in every language", () => {
  for (const locale of locales) {
    for (const product of catalog) {
      const text = (catalogs[locale].products as Record<string, { name?: string; description?: string } | undefined>)[product.id];
      expect(text?.name, `${locale}: products.${product.id}.name`).toBeTruthy();
      expect(text?.description, `${locale}: products.${product.id}.description`).toBeTruthy();
    }
  }
});

describe.each(locales)("what a %s page sends the browser", (locale) => {
  it("is every namespace but the legal pages' texts, unchanged", () => {
    const { privacy, terms, ...rest } = catalogs[locale];
    expect(privacy.title).toBeTruthy();
    expect(terms.title).toBeTruthy();
    expect(clientMessages(catalogs[locale])).toEqual(rest);
  });
});
