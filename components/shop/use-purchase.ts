"use client";

import { useCallback, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import type { OrderView } from "@/lib/contract";
import { placeOrder, reportCancellation, requestApproval, requestCompletion, requestReconcile } from "@/lib/client/payments";
import { authenticatePage } from "@/lib/client/pi-auth";
import { isTransient } from "@/lib/client/retry";
import { createPiPayment } from "@/lib/pi/sdk";

export type PurchaseState =
  | { step: "idle" }
  | { step: "connecting" }
  | { step: "creating-order" }
  | { step: "waiting-for-wallet" }
  | { step: "approving" }
  | { step: "approval-retrying" }
  | { step: "completing" }
  | { step: "paid" }
  | { step: "settling" }
  | { step: "cancelled" }
  | { step: "failed"; error: unknown };

/**
 * One purchase: our server creates the order (and its price), then Pi's wallet takes over and its
 * callbacks drive our approve / complete / cancel routes. Pi retries those callbacks, and every
 * route is safe to call again, so a callback just reports what the server answered.
 *
 * Each buy() is a flow with its own number, and it ends once: paid, cancelled, Pi's onError, or a
 * failure that retrying cannot fix. Buy is disabled until the current flow ends. After that, late
 * answers only refresh the order list, and callbacks of an earlier flow touch nothing (Pi reports
 * an unfinished payment at the next open).
 */
export function usePurchase() {
  const { mutate } = useSWRConfig();
  const [state, setState] = useState<PurchaseState>({ step: "idle" });
  const [busy, setBusy] = useState(false);
  const currentFlow = useRef(0);
  const refreshOrders = useCallback(() => void mutate(ordersKey), [mutate]);

  const buy = useCallback(
    async (productId: string) => {
      const flow = ++currentFlow.current;
      let ended = false;
      const live = () => currentFlow.current === flow;
      /** Shows a step of this flow while it is current and has not ended. */
      const show = (next: PurchaseState) => {
        if (live() && !ended) setState(next);
      };
      /** The flow's last step; once ended, anything later only refreshes the order list. */
      const end = (last: PurchaseState) => {
        if (!ended && live()) {
          setState(last);
          setBusy(false);
        }
        ended = true;
        refreshOrders();
      };
      const fail = (error: unknown) => end({ step: "failed", error });

      setBusy(true);
      show({ step: "connecting" });
      let order: OrderView;
      try {
        // Pi's SDK wants Pi.authenticate earlier in the page; a restored session may not have it yet.
        await authenticatePage();
        show({ step: "creating-order" });
        order = await placeOrder(productId);
      } catch (error) {
        fail(error);
        return;
      }
      if (!live()) return;
      show({ step: "waiting-for-wallet" });
      refreshOrders();
      // Approval answers count only until the Pioneer confirms; one completion request (it retries itself) at a time.
      let confirmed = false;
      let completing = false;
      let approvalSlow = false;

      try {
        await createPiPayment(
          { amount: order.amount, memo: order.memo, metadata: { orderId: order.id } },
          {
            onReadyForServerApproval: (paymentId) => {
              if (!live() || ended || confirmed) return;
              // Pi asks again while its wallet is open: keep "retrying" on screen rather than flicker.
              if (!approvalSlow) show({ step: "approving" });
              requestApproval(paymentId).then(
                () => {
                  approvalSlow = false;
                  if (ended) return refreshOrders();
                  if (!confirmed) show({ step: "waiting-for-wallet" });
                },
                (error: unknown) => {
                  if (ended) return refreshOrders();
                  if (confirmed) return;
                  if (!isTransient(error)) return fail(error);
                  // A lost answer or a server in trouble: Pi asks again while its wallet is open, and each ask reaches the server.
                  approvalSlow = true;
                  show({ step: "approval-retrying" });
                },
              );
            },
            onReadyForServerCompletion: (paymentId, txid) => {
              if (!live() || ended || completing) return;
              confirmed = completing = true;
              show({ step: "completing" });
              requestCompletion(paymentId, txid)
                .then(
                  () => end({ step: "paid" }),
                  (error: unknown) => {
                    // Still failing after the retries while the Pioneer has paid: the server settles it
                    // from Pi's record, now or at the next open. A refusal (4xx) says why instead.
                    if (isTransient(error)) end({ step: "settling" });
                    else fail(error);
                    void requestReconcile().then(refreshOrders);
                  },
                )
                .finally(() => (completing = false));
            },
            onCancel: (paymentId) => {
              if (!live()) return;
              end({ step: "cancelled" });
              reportCancellation(paymentId).then(refreshOrders, refreshOrders);
            },
            onError: (error, payment) => {
              if (!live()) return;
              fail(error);
              if (payment) reportCancellation(payment.identifier).then(refreshOrders, refreshOrders);
            },
          },
        );
      } catch (error) {
        fail(error);
      }
    },
    [refreshOrders],
  );

  return { state, busy, buy };
}
