"use client";

import { useState } from "react";
import { useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import { errorText, useI18n } from "@/components/i18n";
import { Button, Notice } from "@/components/ui";
import type { RefundView } from "@/lib/contract";
import { allowWalletPayouts } from "@/lib/client/sign-in";
import { declinedInPi } from "@/lib/pi/sdk-error";

/** The refund under a paid order; when it waits for the Pioneer's consent, the button that asks Pi for it. */
export function RefundLine({ refund }: { refund: RefundView }) {
  const { mutate } = useSWRConfig();
  const { t, format } = useI18n();
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState("");

  const allow = async () => {
    setAsking(true);
    setMessage("");
    try {
      await allowWalletPayouts();
      setMessage(t("refund.allowed"));
      await mutate(ordersKey);
    } catch (error) {
      // Pi's own refusal message speaks of signing in; here the Pioneer declined payouts.
      setMessage(declinedInPi(error) ? t("refund.declined") : errorText(error, t));
    } finally {
      setAsking(false);
    }
  };

  return (
    <div data-testid="refund" data-status={refund.status}>
      <p className="order-detail">{t(`refund.${refund.status}`, { amount: format.amount(refund.amount) })}</p>
      {refund.txid ? (
        <p className="order-detail muted">
          {t("refund.transaction")} <code data-testid="refund-txid">{refund.txid}</code>
        </p>
      ) : null}
      {/* Buttons do not wrap: the visible label stays short enough for 320 px at 200 % text; the name says the rest. */}
      {refund.status === "needs_consent" ? (
        <>
          <Button variant="secondary" onClick={() => void allow()} disabled={asking} aria-label={t("refund.allowName")}>
            {asking ? t("refund.asking") : t("refund.allow")}
          </Button>
          <Notice role="status">{message}</Notice>
        </>
      ) : null}
    </div>
  );
}
