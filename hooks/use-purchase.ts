"use client";

import { useCallback, useState } from "react";
import { useSWRConfig } from "swr";
import { api, ApiError } from "@/lib/client/api";
import { createPiPayment } from "@/lib/pi/sdk";
import type { OrderView } from "@/lib/payments/orders";
import { ordersKey } from "./use-session";

export type PurchaseState =
  | { step: "idle" }
  | { step: "creating-order" }
  | { step: "waiting-for-wallet" }
  | { step: "approving" }
  | { step: "completing" }
  | { step: "paid" }
  | { step: "cancelled" }
  | { step: "failed"; reason: string };

export const purchaseMessages: Record<Exclude<PurchaseState["step"], "idle" | "failed">, string> = {
  "creating-order": "Creating your order…",
  "waiting-for-wallet": "Confirm the payment in your Pi wallet.",
  approving: "Approving the payment…",
  completing: "Completing the payment…",
  paid: "Paid. Thank you!",
  cancelled: "Payment cancelled. Nothing was charged.",
};

const reasonOf = (error: unknown) => (error instanceof Error && error.message ? error.message : "Something went wrong.");

/**
 * One purchase: our server creates the order (and its price), then Pi's wallet takes over and its
 * callbacks drive our approve / complete / cancel routes. Pi retries those callbacks, and every
 * route is safe to call again, so a callback just reports what the server answered.
 */
export function usePurchase() {
  const { mutate } = useSWRConfig();
  const [state, setState] = useState<PurchaseState>({ step: "idle" });
  const refreshOrders = useCallback(() => void mutate(ordersKey), [mutate]);

  const buy = useCallback(
    async (productId: string) => {
      setState({ step: "creating-order" });
      let order: OrderView;
      try {
        ({ order } = await api<{ order: OrderView }>("/api/orders", { method: "POST", body: { productId } }));
      } catch (error) {
        setState({ step: "failed", reason: reasonOf(error) });
        return;
      }
      setState({ step: "waiting-for-wallet" });
      refreshOrders();
      const fail = (error: unknown) => {
        setState({ step: "failed", reason: reasonOf(error) });
        refreshOrders();
      };
      const recordCancel = (paymentId: string) =>
        api("/api/payments/cancel", { method: "POST", body: { paymentId } }).catch((error: unknown) => {
          // Pi still reports the payment as open: nothing to record yet.
          if (!(error instanceof ApiError && error.code === "payment_not_cancelled")) throw error;
        });

      try {
        await createPiPayment(
          { amount: order.amount, memo: order.memo, metadata: { orderId: order.id } },
          {
            onReadyForServerApproval: (paymentId) => {
              setState({ step: "approving" });
              api("/api/payments/approve", { method: "POST", body: { paymentId } }).then(() => setState({ step: "waiting-for-wallet" }), fail);
            },
            onReadyForServerCompletion: (paymentId, txid) => {
              setState({ step: "completing" });
              api("/api/payments/complete", { method: "POST", body: { paymentId, txid } }).then(() => {
                setState({ step: "paid" });
                refreshOrders();
              }, fail);
            },
            onCancel: (paymentId) => {
              recordCancel(paymentId).then(() => {
                setState({ step: "cancelled" });
                refreshOrders();
              }, fail);
            },
            onError: (error, payment) => {
              fail(error);
              if (payment) void recordCancel(payment.identifier).finally(refreshOrders);
            },
          },
        );
      } catch (error) {
        fail(error);
      }
    },
    [refreshOrders],
  );

  return { state, buy };
}
