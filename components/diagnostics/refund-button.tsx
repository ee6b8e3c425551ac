"use client";

import { useState } from "react";
import { Button, Notice } from "@/components/ui";
import type { PayoutRef } from "@/lib/contract";
import { api } from "@/lib/client/api";

/**
 * "Refund" for a paid order: queues its refund (the whole amount, to its payer); the scheduled run
 * pays it. "Refund again" after a refund that failed with nothing paid.
 */
export function RefundButton({ orderId, amount, memo, again = false }: { orderId: string; amount: string; memo: string; again?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [done, setDone] = useState(false);

  const refund = async () => {
    setBusy(true);
    setMessage("");
    try {
      const { payout } = await api<{ payout: PayoutRef }>("/api/admin/refunds", { method: "POST", body: { orderId } });
      setDone(true);
      setMessage(`Refund ${payout.status === "queued" ? "queued" : payout.status}: the next scheduled run pays it.`);
    } catch (error) {
      setMessage(`The refund was not queued: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button variant="secondary" onClick={() => void refund()} disabled={busy || done} aria-label={`Refund ${amount} π ${again ? "again " : ""}for ${memo}`}>
        {busy ? "Refunding…" : again ? "Refund again" : "Refund"}
      </Button>
      <Notice role="status" data-testid={`refund-result-${orderId}`}>
        {message}
      </Notice>
    </>
  );
}
