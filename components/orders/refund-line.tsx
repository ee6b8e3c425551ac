"use client";

import { useState } from "react";
import { useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import { Button, Notice } from "@/components/ui";
import type { RefundView } from "@/lib/contract";
import { allowWalletPayouts } from "@/lib/client/sign-in";
import { PiSdkError } from "@/lib/pi/sdk";

const text = {
  refunded: (amount: number) => `Refunded ${amount} π`,
  on_its_way: (amount: number) => `Refund of ${amount} π on its way`,
  needs_consent: (amount: number) => `Refund of ${amount} π waiting: allow payouts to your Pi wallet to receive it.`,
  failed: (amount: number) => `Refund of ${amount} π did not go through. We are looking into it.`,
  // Buttons do not wrap: the visible label stays short enough for 320 px at 200 % text; the name says the rest.
  allow: "Allow",
  allowName: "Allow payouts to my wallet",
  asking: "Waiting…",
  allowed: "Thank you. Your refund goes out with the next payout run.",
  piFailed: "Pi did not finish. Try again.",
  declined: "Payouts to your wallet were not allowed. Tap the button to try again.",
  transaction: "Transaction",
};

/** The refund under a paid order; when it waits for the Pioneer's consent, the button that asks Pi for it. */
export function RefundLine({ refund }: { refund: RefundView }) {
  const { mutate } = useSWRConfig();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState("");

  const allow = async () => {
    setAsking(true);
    setMessage("");
    try {
      await allowWalletPayouts();
      setMessage(text.allowed);
      await mutate(ordersKey);
    } catch (error) {
      // Pi's own refusal message speaks of signing in; here the Pioneer declined payouts.
      const declined = error instanceof PiSdkError && error.reason === "declined";
      setMessage(declined ? text.declined : error instanceof Error ? error.message : text.piFailed);
    } finally {
      setAsking(false);
    }
  };

  return (
    <div data-testid="refund" data-status={refund.status}>
      <p className="order-detail">{text[refund.status](refund.amount)}</p>
      {refund.txid ? (
        <p className="order-detail muted">
          {text.transaction} <code data-testid="refund-txid">{refund.txid}</code>
        </p>
      ) : null}
      {refund.status === "needs_consent" ? (
        <>
          <Button variant="secondary" onClick={() => void allow()} disabled={asking} aria-label={text.allowName}>
            {asking ? text.asking : text.allow}
          </Button>
          <Notice role="status">{message}</Notice>
        </>
      ) : null}
    </div>
  );
}
