"use client";

import { useSession } from "@/hooks/use-session";
import type { Product } from "@/lib/payments/catalog";
import { OrderHistory } from "./order-history";
import { ProductCard } from "./product-card";
import { SessionPanel } from "./session-panel";
import { SessionProvider } from "./session-provider";

/** The signed-in experience: account, products, and order history. */
export function Shop({ products }: { products: readonly Product[] }) {
  return (
    <SessionProvider>
      <SessionPanel />
      <Storefront products={products} />
    </SessionProvider>
  );
}

/** Products, buyable once signed in, and then the order history. */
function Storefront({ products }: { products: readonly Product[] }) {
  const signedIn = useSession().status === "signed-in";

  return (
    <>
      <section aria-labelledby="products-heading">
        <h2 id="products-heading">Products</h2>
        <ul className="products">
          {products.map((product) => (
            <ProductCard key={product.id} product={product} canBuy={signedIn} />
          ))}
        </ul>
      </section>
      {signedIn ? <OrderHistory /> : null}
    </>
  );
}
