import { toUnits } from "./amount";

/**
 * What the app sells. This is the only source of prices: the client sends a product id and the
 * server decides the amount. Edit this list first when you fork the template.
 * Prices are decimal strings in Pi (at most 7 decimal places) so they stay exact.
 */
export type Product = {
  id: string;
  name: string;
  description: string;
  price: string;
};

export const catalog: readonly Product[] = [
  { id: "coffee", name: "A coffee for the team", description: "Say thanks with a small tip.", price: "1" },
  { id: "sticker-pack", name: "Sticker pack", description: "Twelve digital stickers for your profile.", price: "0.5" },
  { id: "pro-month", name: "Pro for a month", description: "Unlock every feature for 30 days.", price: "3.1415926" },
];

// A price Pi cannot carry exactly (bad format, more than 7 decimals, beyond a double's precision)
// would make every order of that product unpayable: fail at start instead.
for (const product of catalog) {
  const units = toUnits(product.price);
  if (units === null || units !== toUnits(Number(product.price))) {
    throw new Error(`lib/payments/catalog.ts: "${product.id}" has price "${product.price}", which is not an exact Pi amount (at most 7 decimals).`);
  }
}

export function findProduct(productId: string): Product | undefined {
  return catalog.find((product) => product.id === productId);
}

/** What the Pioneer reads in the Pi wallet sheet. */
export function memoFor(product: Product): string {
  return product.name;
}
