"use client";

import { useSession } from "@/components/session";
import type { Product } from "@/lib/shop/types";
import { ProductCard } from "./product-card";

const hintId = "buy-hint";

/** The products; buyable once signed in. */
export function Storefront({ products }: { products: readonly Product[] }) {
  const signedIn = useSession().status === "signed-in";

  return (
    <section aria-labelledby="products-heading">
      <h2 id="products-heading">Products</h2>
      {signedIn ? null : (
        <p id={hintId} className="muted">
          Sign in with Pi to buy.
        </p>
      )}
      <ul className="plain-list">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} canBuy={signedIn} hintId={signedIn ? undefined : hintId} />
        ))}
      </ul>
    </section>
  );
}
