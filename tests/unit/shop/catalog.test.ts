// @vitest-environment node
import { describe, expect, it } from "vitest";
import { catalog, catalogProblems, findProduct, memoFor } from "@/lib/shop/catalog";
import type { Product } from "@/lib/shop/types";

const product = (id: string, price: string): Product => ({ id, name: id, description: "", price, delivers: { kind: "item" } });

describe("catalog", () => {
  it("refuses prices Pi cannot carry exactly, and duplicate ids", () => {
    expect(catalogProblems([product("ok", "1"), product("fine", "0.0000001"), product("big", "123456.5")])).toEqual([]);
    expect(catalogProblems([product("eight-decimals", "0.00000001")])).toHaveLength(1);
    expect(catalogProblems([product("free", "0")])).toHaveLength(1);
    expect(catalogProblems([product("words", "one pi")])).toHaveLength(1);
    expect(catalogProblems([product("float-drift", "9007199254.7409931")])).toHaveLength(1);
    expect(catalogProblems([product("twice", "1"), product("twice", "2")])).toEqual(['"twice" appears twice']);
  });

  it("finds products only by exact id and uses the name as the wallet memo", () => {
    expect(findProduct("coffee")?.name).toBe("A coffee for the team");
    expect(findProduct("COFFEE")).toBeUndefined();
    expect(findProduct("__proto__")).toBeUndefined();
    expect(memoFor(catalog[0]!)).toBe(catalog[0]!.name);
  });
});
