import type { OwnedItem, Product } from "./types";

const dayMs = 24 * 60 * 60 * 1000;

type Delivered = { productId: string; createdAt: Date };

/**
 * What a Pioneer owns, from what was delivered to them (oldest first): subscriptions add up from
 * the later of the purchase and the end of the previous period; items and tips are counted.
 * Deliveries of products no longer in the catalog are left out.
 */
export function summariseOwned(deliveries: readonly Delivered[], products: readonly Product[], now: Date): OwnedItem[] {
  const owned = new Map<string, OwnedItem>();
  for (const { productId, createdAt } of deliveries) {
    const product = products.find((p) => p.id === productId);
    if (!product) continue;
    const current = owned.get(productId);
    const { delivers } = product;
    if (delivers.kind === "subscription") {
      const from = current?.kind === "subscription" ? Math.max(Date.parse(current.activeUntil), createdAt.getTime()) : createdAt.getTime();
      const until = new Date(from + delivers.days * dayMs);
      owned.set(productId, { kind: "subscription", productId, name: product.name, activeUntil: until.toISOString(), active: until > now });
    } else {
      const quantity = current && current.kind !== "subscription" ? current.quantity + 1 : 1;
      owned.set(productId, { kind: delivers.kind, productId, name: product.name, quantity });
    }
  }
  return [...owned.values()];
}
