"use client";

import { purchaseMessages, usePurchase } from "@/hooks/use-purchase";
import type { Product } from "@/lib/payments/catalog";

/** One product with its buy button; every step of the purchase is announced to screen readers. */
export function ProductCard({ product, canBuy }: { product: Product; canBuy: boolean }) {
  const { state, busy, buy } = usePurchase();
  // The accessible name says what the button says: "Paying…" included.
  const label = busy ? `Paying for ${product.name}` : `Buy ${product.name} for ${product.price} Pi`;
  const message = state.step === "idle" ? "" : state.step === "failed" ? `Payment failed: ${state.reason}` : purchaseMessages[state.step];

  return (
    <li className="card product" data-testid={`product-${product.id}`}>
      <div className="product-text">
        <h3>{product.name}</h3>
        <p className="muted">{product.description}</p>
      </div>
      <p className="price">{product.price} π</p>
      <button type="button" className="button primary" disabled={!canBuy || busy} onClick={() => void buy(product.id)} aria-label={label}>
        {busy ? "Paying…" : "Buy"}
      </button>
      <p className={`status status-${state.step}`} role="status" aria-live="polite" data-testid={`purchase-status-${product.id}`}>
        {message}
      </p>
    </li>
  );
}
