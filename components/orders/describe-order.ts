import type { Tone } from "@/components/ui";
import type { OrderView } from "@/lib/contract";

export type OrderDescription = { label: string; tone: Tone; detail: string | null };

/**
 * What an order's state means to the Pioneer: a short label and, for an order still waiting, what
 * it waits for and until when. `formatTime` renders a time in the Pioneer's locale.
 */
export function describeOrder(order: OrderView, now: Date, formatTime: (iso: string) => string): OrderDescription {
  const expired = order.expiresAt !== null && Date.parse(order.expiresAt) <= now.getTime();
  switch (order.status) {
    case "paid":
      return { label: "Paid", tone: "ok", detail: null };
    case "cancelled":
      return { label: "Cancelled", tone: "neutral", detail: "Nothing was charged." };
    case "expired":
      return { label: "Expired", tone: "neutral", detail: "This order was never paid. Nothing was charged." };
    case "needs_review":
      return { label: "Being checked", tone: "pending", detail: "Something about this payment did not add up, so a person is checking it. You get what you paid for, or your π back." };
    case "approved":
      return expired
        ? { label: "Expired", tone: "neutral", detail: "You did not confirm this payment in time. Nothing was charged." }
        : { label: "Waiting for you", tone: "pending", detail: `Confirm it in your Pi wallet before ${formatTime(order.expiresAt ?? order.createdAt)}.` };
    case "awaiting_payment":
      return expired
        ? { label: "Expired", tone: "neutral", detail: "This order was never paid. Nothing was charged." }
        : { label: "Not paid yet", tone: "pending", detail: `Pay for it in your Pi wallet before ${formatTime(order.expiresAt ?? order.createdAt)}, or buy again.` };
  }
}
