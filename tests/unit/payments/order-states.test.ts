// @vitest-environment node
import { describe, expect, it } from "vitest";
import { orderStatuses } from "@/lib/db/schema";
import { canTransition } from "@/lib/payments/order-states";

describe("order state machine", () => {
  it("moves forward only: awaiting → approved → paid, with cancel before payment", () => {
    expect(canTransition("awaiting_payment", "approved")).toBe(true);
    expect(canTransition("approved", "paid")).toBe(true);
    expect(canTransition("awaiting_payment", "cancelled")).toBe(true);
    expect(canTransition("approved", "cancelled")).toBe(true);
  });

  it("never skips approval, goes backwards, or leaves a final state", () => {
    expect(canTransition("awaiting_payment", "paid")).toBe(false);
    expect(canTransition("approved", "awaiting_payment")).toBe(false);
    for (const to of orderStatuses) {
      expect(canTransition("paid", to)).toBe(false);
      expect(canTransition("cancelled", to)).toBe(false);
    }
  });
});
