import { placeOrder, reportCancellation, requestApproval, requestCompletion, requestReconcile } from "@/lib/client/payments";
import { authenticatePage } from "@/lib/client/pi-auth";
import { ApiError } from "@/lib/client/api";
import { isTransient } from "@/lib/client/retry";
import type { OrderView } from "@/lib/contract";
import { createPiPayment, PiSdkError } from "@/lib/pi/sdk";
import type { PurchaseState } from "./use-purchase";

// The purchase flow itself, loaded by the first Buy rather than with the shop page (usePurchase):
// the page paints sooner on a phone, and a tap waits for one small file at most.

export type PurchaseUi = {
  /** Whether this flow is still the card's current one. */
  live: () => boolean;
  setState: (state: PurchaseState) => void;
  setBusy: (busy: boolean) => void;
  refreshOrders: () => void;
};


/** One purchase, after "connecting", to the step it ends on (see usePurchase); it never throws. */
export async function runPurchase(productId: string, { live, setState, setBusy, refreshOrders }: PurchaseUi) {
  let ended = false;
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
                // Still failing after the retries, or turned away by the request limit, while the
                // Pioneer has paid: the server settles it from Pi's record, now or at the next open.
                // "Failed" would invite them to pay again. A refusal (4xx) says why instead.
                if (isTransient(error) || (error instanceof ApiError && error.status === 429)) end({ step: "settling" });
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
          // Once the Pioneer signed, the payment is paid or being paid: the completion under way ends the flow.
          if (!live() || confirmed) return;
          fail(error);
          // With "previous payment pending", `payment` is that earlier one, which the incomplete-payment report settles.
          const earlier = error instanceof PiSdkError && error.reason === "previous_payment_pending";
          if (payment && !earlier) reportCancellation(payment.identifier).then(refreshOrders, refreshOrders);
        },
      },
    );
  } catch (error) {
    fail(error);
  }
}
