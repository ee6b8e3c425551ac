"use client";

import { useI18n } from "@/components/i18n";
import { useSession } from "@/components/session";
import { paysHere } from "@/lib/pi/host";
import { PayInPiBrowser } from "./pay-in-pi-browser";
import { ProductCard, type PricedProduct } from "./product-card";

const hintId = "buy-hint";

/** The products; buyable once signed in, where Pi's wallet can answer (Pi Browser or the Sandbox). */
export function Storefront({ products }: { products: readonly PricedProduct[] }) {
  const { status, host } = useSession();
  const { t } = useI18n();
  const signedIn = status === "signed-in";
  const outsidePi = host === "browser";
  const canBuy = signedIn && paysHere(host);
  // Not while the session is checked: a returning Pioneer would see the hint vanish and the list jump.
  const hinted = outsidePi || status === "signed-out";

  return (
    <section aria-labelledby="products-heading">
      <h2 id="products-heading">{t("home.products")}</h2>
      {outsidePi ? (
        <PayInPiBrowser id={hintId} />
      ) : hinted ? (
        <p id={hintId} className="muted">
          {t("home.signInToBuy")}
        </p>
      ) : null}
      <ul className="plain-list">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} canBuy={canBuy} hintId={hinted ? hintId : undefined} />
        ))}
      </ul>
    </section>
  );
}
