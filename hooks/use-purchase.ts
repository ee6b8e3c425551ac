"use client";

import { useCallback, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { approvePayment, completePayment, createOrder, reconcilePayments, recordCancel } from "@/lib/client/payments";
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

const busySteps = new Set<PurchaseState["step"]>(["creating-order", "waiting-for-wallet", "approving", "completing"]);

const reasonOf = (error: unknown) => (error instanceof Error && error.message ? error.message : "Something went wrong.");

/**
 * One purchase: our server creates the order (and its price), then Pi's wallet takes over and its
 * callbacks drive our approve / complete / cancel routes. Pi retries those callbacks, and every
 * route is safe to call again, so a callback just reports what the server answered.
 *
 * Each buy() is a flow with its own number: callbacks and answers of an earlier flow no longer
 * touch the state (their answers still refresh the order list; Pi reports an unfinished payment
 * at the next open). `busy` holds while a flow's wallet is open, even after a failure, since Pi
 * keeps calling back until it closes.
 */
export function usePurchase() {
  const { mutate } = useSWRConfig();
  const [state, setState] = useState<PurchaseState>({ step: "idle" });
  const [walletOpen, setWalletOpen] = useState(false);
  const currentFlow = useRef(0);
  const refreshOrders = useCallback(() => void mutate(ordersKey), [mutate]);

  const buy = useCallback(
    async (productId: string) => {
      const flow = ++currentFlow.current;
      const live = () => currentFlow.current === flow;
      const show = (next: PurchaseState | ((previous: PurchaseState) => PurchaseState)) => {
        if (live()) setState(next);
      };
      const closeWallet = () => {
        if (live()) setWalletOpen(false);
      };
      const fail = (error: unknown) => {
        show({ step: "failed", reason: reasonOf(error) });
        refreshOrders();
      };

      show({ step: "creating-order" });
      let order: OrderView;
      try {
        order = await createOrder(productId);
      } catch (error) {
        fail(error);
        return;
      }
      if (!live()) return;
      show({ step: "waiting-for-wallet" });
      setWalletOpen(true);
      refreshOrders();
      // Approval answers count only until the Pioneer confirms; one completion request (it retries itself) at a time.
      let confirmed = false;
      let completing = false;

      try {
        await createPiPayment(
          { amount: order.amount, memo: order.memo, metadata: { orderId: order.id } },
          {
            onReadyForServerApproval: (paymentId) => {
              if (!live() || confirmed) return;
              // Pi asks again while its wallet is open: keep a refusal on screen rather than flicker.
              show((previous) => (previous.step === "failed" ? previous : { step: "approving" }));
              approvePayment(paymentId).then(
                () => {
                  if (!confirmed) show({ step: "waiting-for-wallet" });
                },
                (error: unknown) => {
                  if (!confirmed) fail(error);
                },
              );
            },
            onReadyForServerCompletion: (paymentId, txid) => {
              if (!live() || completing) return;
              confirmed = completing = true;
              show({ step: "completing" });
              completePayment(paymentId, txid)
                .then(
                  () => {
                    show({ step: "paid" });
                    closeWallet();
                    refreshOrders();
                  },
                  (error: unknown) => {
                    fail(error);
                    // The server may still settle it from Pi's record of the payment.
                    void reconcilePayments().then(refreshOrders);
                  },
                )
                .finally(() => (completing = false));
            },
            onCancel: (paymentId) => {
              if (!live()) return;
              closeWallet();
              recordCancel(paymentId).then(() => {
                show({ step: "cancelled" });
                refreshOrders();
              }, fail);
            },
            onError: (error, payment) => {
              if (!live()) return;
              closeWallet();
              fail(error);
              if (payment) recordCancel(payment.identifier).then(refreshOrders, refreshOrders);
            },
          },
        );
      } catch (error) {
        closeWallet();
        fail(error);
      }
    },
    [refreshOrders],
  );

  return { state, busy: walletOpen || busySteps.has(state.step), buy };
}
