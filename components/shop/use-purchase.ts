"use client";

import { useCallback, useRef, useState } from "react";
import { useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import { Problem } from "@/lib/i18n/problem";

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
  // A flow's late answers may arrive after this card, even the page's SWR cache, is gone: nothing to refresh then.
  const refreshOrders = useCallback(() => void mutate(ordersKey).catch(() => undefined), [mutate]);

  const buy = useCallback(
    async (productId: string) => {
      const flow = ++currentFlow.current;
      const live = () => currentFlow.current === flow;
      setBusy(true);
      setState({ step: "connecting" });
      try {
        const { runPurchase } = await import("./purchase-flow");
        await runPurchase(productId, { live, setState, setBusy, refreshOrders });
      } catch {
        // Only loading the flow's file can fail here: runPurchase ends every other failure itself.
        if (!live()) return;
        setState({ step: "failed", error: new Problem("purchase.loadFailed") });
        setBusy(false);
      }
    },
    [refreshOrders],
  );

  return { state, busy, buy };
}
