import type { I18n } from "@/components/i18n";
import type { Tone } from "@/components/ui";
import type { OrderView } from "@/lib/contract";

export type OrderDescription = { label: string; tone: Tone; detail: string | null };

/**
 * What an order's state means to the Pioneer: a short label and, for an order still waiting, what
 * it waits for and until when. `formatTime` renders a time in the Pioneer's language.
 */
export function describeOrder(order: OrderView, now: Date, t: I18n["t"], formatTime: (iso: string) => string): OrderDescription {
  const expired = order.expiresAt !== null && Date.parse(order.expiresAt) <= now.getTime();
  const time = formatTime(order.expiresAt ?? order.createdAt);
  switch (order.status) {
    case "paid":
      return { label: t("orders.status.paid"), tone: "ok", detail: null };
    case "cancelled":
      return { label: t("orders.status.cancelled"), tone: "neutral", detail: t("orders.detail.nothingCharged") };
    case "expired":
      return { label: t("orders.status.expired"), tone: "neutral", detail: t("orders.detail.neverPaid") };
    case "needs_review":
      return { label: t("orders.status.needsReview"), tone: "pending", detail: t("orders.detail.needsReview") };
    case "approved":
      return expired
        ? { label: t("orders.status.expired"), tone: "neutral", detail: t("orders.detail.notConfirmedInTime") }
        : { label: t("orders.status.waitingForYou"), tone: "pending", detail: t("orders.detail.confirmBefore", { time }) };
    case "awaiting_payment":
      return expired
        ? { label: t("orders.status.expired"), tone: "neutral", detail: t("orders.detail.neverPaid") }
        : { label: t("orders.status.notPaidYet"), tone: "pending", detail: t("orders.detail.payBefore", { time }) };
  }
}
