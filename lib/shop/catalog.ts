import { toUnits } from "@/lib/pi/amount";
import type { Product } from "./types";

/**
 * What the app sells. This is the only source of prices: the client sends a product id and the
 * server decides the amount. Edit this list first when you fork the template.
 */
export const catalog: readonly Product[] = [
  { id: "coffee", name: "A coffee for the team", description: "Say thanks with a small tip.", price: "1", delivers: { kind: "tip" } },
  { id: "sticker-pack", name: "Sticker pack", description: "Twelve digital stickers for your profile.", price: "2.5", delivers: { kind: "item" } },
  { id: "pro-month", name: "Pro for a month", description: "Every feature unlocked for 30 days.", price: "5", delivers: { kind: "subscription", days: 30 } },
];

/**
 * What is wrong with a catalog, if anything: a duplicate id, or a price Pi cannot carry exactly (bad
 * format, more than 7 decimals, beyond a double's precision), which would make every order of that
 * product unpayable.
 */
export function catalogProblems(products: readonly Product[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const product of products) {
    if (seen.has(product.id)) problems.push(`"${product.id}" appears twice`);
    seen.add(product.id);
    const units = toUnits(product.price);
    if (units === null || units === 0n || units !== toUnits(Number(product.price))) {
      problems.push(`"${product.id}" has price "${product.price}", which is not an exact positive Pi amount (at most 7 decimals)`);
    }
  }
  return problems;
}

// Fail at start rather than at a Pioneer's first purchase.
const problems = catalogProblems(catalog);
if (problems.length > 0) throw new Error(`lib/shop/catalog.ts: ${problems.join("; ")}.`);

export function findProduct(productId: string): Product | undefined {
  return catalog.find((product) => product.id === productId);
}

/** What the Pioneer reads in the Pi wallet sheet. */
export function memoFor(product: Product): string {
  return product.name;
}
