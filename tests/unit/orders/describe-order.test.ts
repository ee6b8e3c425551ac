// @vitest-environment node
import { describe, expect, it } from "vitest";
import { describeOrder } from "@/components/orders/describe-order";
import type { OrderView } from "@/lib/contract";
import { en } from "@/lib/i18n/messages/en";
import { createTranslator } from "@/lib/i18n/translate";

const order = (status: OrderView["status"], expiresAt: string | null): OrderView => ({
  id: "o1",
  productId: "coffee",
  amount: 1,
  memo: "Coffee",
  status,
  paymentId: null,
  txid: null,
  createdAt: "2026-01-01T10:00:00.000Z",
  expiresAt,
  refund: null,
});
const before = new Date("2026-01-01T10:10:00Z");
const after = new Date("2026-01-01T11:00:00Z");
const hhmm = (iso: string) => iso.slice(11, 16);
const t = createTranslator(en, "en");

describe("describeOrder", () => {
  it("says what a waiting order waits for and until when, instead of a bare state name", () => {
    expect(describeOrder(order("approved", "2026-01-01T10:30:00.000Z"), before, t, hhmm)).toEqual({
      label: "Waiting for you",
      tone: "pending",
      detail: "Confirm it in your Pi wallet before 10:30.",
    });
    expect(describeOrder(order("awaiting_payment", "2026-01-01T10:30:00.000Z"), before, t, hhmm)).toMatchObject({ label: "Not paid yet", tone: "pending" });
  });

  it("calls a waiting order past its time expired, and says nothing was charged", () => {
    const expired = describeOrder(order("approved", "2026-01-01T10:30:00.000Z"), after, t, hhmm);
    expect([expired.label, expired.tone]).toEqual(["Expired", "neutral"]);
    expect(expired.detail).toContain("Nothing was charged");
  });

  it("shows a cancellation neutrally and a payment as done", () => {
    expect(describeOrder(order("cancelled", null), before, t, hhmm)).toMatchObject({ label: "Cancelled", tone: "neutral" });
    expect(describeOrder(order("paid", null), before, t, hhmm)).toEqual({ label: "Paid", tone: "ok", detail: null });
  });
});
