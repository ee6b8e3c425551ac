"use client";

import { useEffect, useId, useRef } from "react";
import { Button, Notice } from "@/components/ui";
import type { Product } from "@/lib/shop/types";
import { purchaseMessages, usePurchase, type PurchaseState } from "./use-purchase";

const finished = new Set<PurchaseState["step"]>(["paid", "settling", "cancelled", "failed"]);
const tones: Partial<Record<PurchaseState["step"], "ok" | "bad">> = { paid: "ok", failed: "bad" };

/**
 * One product and its buy button. Every step of a purchase is announced; when it ends, focus comes
 * back to the button (now "Buy again"), which the wallet sheet's disabled Buy could not keep.
 */
export function ProductCard({ product, canBuy, hintId }: { product: Product; canBuy: boolean; hintId?: string }) {
  const { state, busy, buy } = usePurchase();
  const button = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLLIElement>(null);
  const statusId = useId();
  const done = finished.has(state.step);

  useEffect(() => {
    if (!done) return;
    const active = document.activeElement;
    // Only take focus back if it was lost (to the page) or is still in this card.
    if (!active || active === document.body || card.current?.contains(active)) button.current?.focus();
  }, [done]);

  const message = state.step === "idle" ? "" : state.step === "failed" ? `Payment failed: ${state.reason}` : purchaseMessages[state.step];
  const visible = busy ? "Paying…" : done ? "Buy again" : "Buy";
  // The accessible name starts with what the button shows.
  const label = busy ? `Paying for ${product.name}` : `${visible} ${product.name} for ${product.price} Pi`;

  return (
    <li className="card product" data-testid={`product-${product.id}`} ref={card}>
      <div className="product-text">
        <h3>{product.name}</h3>
        <p className="muted">{product.description}</p>
      </div>
      <p className="price">{product.price} π</p>
      <Button
        ref={button}
        disabled={!canBuy || busy}
        onClick={() => void buy(product.id)}
        aria-label={label}
        aria-describedby={[hintId, message ? statusId : null].filter(Boolean).join(" ") || undefined}
      >
        {visible}
      </Button>
      <Notice id={statusId} role="status" tone={tones[state.step] ?? "neutral"} className="product-outcome" data-testid={`purchase-status-${product.id}`}>
        {message}
      </Notice>
    </li>
  );
}
