// @vitest-environment node
import { describe, expect, it } from "vitest";
import { toUnits } from "@/lib/payments/amount";
import { catalog, findProduct, memoFor } from "@/lib/payments/catalog";

describe("catalog", () => {
  it("prices every product with an exact Pi amount that survives the trip through JSON", () => {
    for (const product of catalog) {
      expect(toUnits(product.price)).not.toBeNull();
      expect(toUnits(Number(product.price))).toBe(toUnits(product.price));
    }
  });

  it("has unique ids and finds products only by exact id", () => {
    expect(new Set(catalog.map((p) => p.id)).size).toBe(catalog.length);
    expect(findProduct("coffee")?.name).toBe("A coffee for the team");
    expect(findProduct("COFFEE")).toBeUndefined();
    expect(findProduct("__proto__")).toBeUndefined();
    expect(memoFor(catalog[0]!)).toBe(catalog[0]!.name);
  });
});
