// @vitest-environment node
import { describe, expect, it } from "vitest";
import { summariseOwned } from "@/lib/shop/owned";
import type { Product } from "@/lib/shop/types";

const products: Product[] = [
  { id: "pro", name: "Pro", description: "", price: "5", delivers: { kind: "subscription", days: 30 } },
  { id: "stickers", name: "Stickers", description: "", price: "2", delivers: { kind: "item" } },
  { id: "coffee", name: "Coffee", description: "", price: "1", delivers: { kind: "tip" } },
];
const day = 24 * 60 * 60 * 1000;
const at = (iso: string) => new Date(iso);

describe("what a Pioneer owns", () => {
  it("adds up subscription periods bought back to back, from the end of the previous one", () => {
    const owned = summariseOwned(
      [
        { productId: "pro", createdAt: at("2026-01-01T00:00:00Z") },
        { productId: "pro", createdAt: at("2026-01-10T00:00:00Z") },
      ],
      products,
      at("2026-01-15T00:00:00Z"),
    );
    expect(owned).toEqual([{ kind: "subscription", productId: "pro", name: "Pro", activeUntil: new Date(Date.parse("2026-01-01T00:00:00Z") + 60 * day).toISOString(), active: true }]);
  });

  it("starts a new period at the purchase when the previous one had ended, and says when it ended", () => {
    const deliveries = [
      { productId: "pro", createdAt: at("2026-01-01T00:00:00Z") },
      { productId: "pro", createdAt: at("2026-03-01T00:00:00Z") },
    ];
    const [renewed] = summariseOwned(deliveries, products, at("2026-03-02T00:00:00Z"));
    expect(renewed).toMatchObject({ activeUntil: new Date(Date.parse("2026-03-01T00:00:00Z") + 30 * day).toISOString(), active: true });
    const [ended] = summariseOwned(deliveries, products, at("2026-05-01T00:00:00Z"));
    expect(ended).toMatchObject({ active: false });
  });

  it("counts items and tips, and leaves out products no longer sold", () => {
    const when = at("2026-01-01T00:00:00Z");
    const owned = summariseOwned(
      [
        { productId: "stickers", createdAt: when },
        { productId: "coffee", createdAt: when },
        { productId: "stickers", createdAt: when },
        { productId: "retired", createdAt: when },
      ],
      products,
      when,
    );
    expect(owned).toEqual([
      { kind: "item", productId: "stickers", name: "Stickers", quantity: 2 },
      { kind: "tip", productId: "coffee", name: "Coffee", quantity: 1 },
    ]);
  });
});
