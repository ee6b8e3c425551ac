"use client";

import { useSession } from "@/components/session";
import type { Product } from "@/lib/shop/types";
import { ProductCard } from "./product-card";

const hintId = "buy-hint";

/** The products; buyable once signed in. */
export function Storefront({ products }: { products: readonly Product[] }) {
  const { status } = useSession();
  const signedIn = status === "signed-in";
  // Not while the session is checked: a returning Pioneer would see the hint vanish and the list jump.
  const hinted = status === "signed-out";

  return (
    <section aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      {hinted ? (
        <p id={hintId} className="muted">
          Sign in with Pi to buy.
        </p>
      ) : null}
      <ul className="plain-list">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} canBuy={signedIn} hintId={hinted ? hintId : undefined} />
        ))}
      </ul>
    </section>
  );
}
