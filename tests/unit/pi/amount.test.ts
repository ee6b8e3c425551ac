// @vitest-environment node
import { describe, expect, it } from "vitest";
import { amountsEqual, normalizeAmount, toUnits } from "@/lib/pi/amount";

describe("Pi amounts", () => {
  it("compares a catalog price with Pi's JSON number exactly", () => {
    expect(amountsEqual("3.1415926", 3.1415926)).toBe(true);
    expect(amountsEqual("1", 1)).toBe(true);
    expect(amountsEqual("0.5", 0.5)).toBe(true);
    expect(amountsEqual("3.1400000", 3.14)).toBe(true);
  });

  it("treats the smallest difference Pi can express as a mismatch", () => {
    expect(amountsEqual("1", 1.0000001)).toBe(false);
    expect(amountsEqual("1", 0.9999999)).toBe(false);
    expect(amountsEqual("3.1415926", 3.1415927)).toBe(false);
  });

  it("is not fooled by floating-point sums", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in JavaScript.
    expect(amountsEqual("0.3", 0.1 + 0.2)).toBe(false);
    expect(toUnits(0.1 + 0.2)).toBeNull();
    expect(amountsEqual("0.3", 0.3)).toBe(true);
  });

  it("rejects amounts Pi cannot have", () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1.00000001, 1e13]) expect(toUnits(bad)).toBeNull();
    for (const bad of ["", "-1", "1.12345678", "1e3", "abc", "1,5", " . "]) expect(toUnits(bad)).toBeNull();
    expect(amountsEqual("abc", Number.NaN)).toBe(false);
  });

  it("counts in units of 10⁻⁷ π", () => {
    expect(toUnits("1")).toBe(10_000_000n);
    expect(toUnits(0.0000001)).toBe(1n);
    expect(toUnits("123.4567891")).toBe(1_234_567_891n);
  });

  it("normalizes database numerics for display", () => {
    expect(normalizeAmount("3.1400000")).toBe("3.14");
    expect(normalizeAmount("1.0000000")).toBe("1");
    expect(normalizeAmount("0.0000001")).toBe("0.0000001");
    expect(() => normalizeAmount("x")).toThrow();
  });
});
