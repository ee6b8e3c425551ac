"use client";

import { useEffect, useId, useRef } from "react";
import { errorText, useI18n } from "@/components/i18n";
import { Button, Notice } from "@/components/ui";
import type { Product } from "@/lib/shop/types";
import { productText } from "./product-text";
import { usePurchase, type PurchaseState } from "./use-purchase";

/**
 * A product with its price already written in the Pioneer's language by the server: formatting a
 * number here would load the browser's number data while the page hydrates (docs/PERFORMANCE.md).
 */
export type PricedProduct = Product & { priceText: string };

const finished = new Set<PurchaseState["step"]>(["paid", "settling", "cancelled", "failed"]);
const tones: Partial<Record<PurchaseState["step"], "ok" | "bad">> = { paid: "ok", failed: "bad" };

/**
 * One product and its buy button. Every step of a purchase is announced; when it ends, focus comes
 * back to the button (now "Buy again"), which the wallet sheet's disabled Buy could not keep.
 */
export function ProductCard({ product, canBuy, hintId }: { product: PricedProduct; canBuy: boolean; hintId?: string }) {
  const { state, busy, buy } = usePurchase();
  const { t, messages } = useI18n();
  const button = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLLIElement>(null);
  const statusId = useId();
  const done = finished.has(state.step);
  const { name, description } = productText(messages, product);
  const price = product.priceText;

  useEffect(() => {
    if (!done) return;
    const active = document.activeElement;
    // Only take focus back if it was lost (to the page) or is still in this card.
    if (!active || active === document.body || card.current?.contains(active)) button.current?.focus();
  }, [done]);

  const message = state.step === "idle" ? "" : state.step === "failed" ? t("purchase.failed", { reason: errorText(state.error, t) }) : t(`purchase.${state.step}`);
  const visible = busy ? t("product.paying") : done ? t("product.buyAgain") : t("product.buy");
  // The accessible name starts with what the button shows.
  const label = busy ? t("product.payingLabel", { name }) : t(done ? "product.buyAgainLabel" : "product.buyLabel", { name, price });

  return (
    <li className="card product" data-testid={`product-${product.id}`} ref={card}>
      <div className="product-text">
        <h3>{name}</h3>
        <p className="muted">{description}</p>
      </div>
      <p className="price">{t("product.price", { price })}</p>
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
