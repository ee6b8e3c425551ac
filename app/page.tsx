import { AppLink } from "@/components/ui/app-link";
// Not the folders' indexes: a server page importing a barrel of client components ships all of them
// (here the whole order history) in its first load.
import { RewardedAd } from "@/components/ads/rewarded-ad";
import { OwnedList } from "@/components/orders/owned-list";
import { ViewerOrders } from "@/app/viewer-orders";
import { ShareButton } from "@/components/pi/share-button";
import { Storefront } from "@/components/shop";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";
import { catalog, dailyRewardCap } from "@/lib/shop";
import { site } from "@/lib/shop/site";

export default async function HomePage() {
  const { t, format } = await getI18n();
  return (
    <>
      <PageTitle>{site.name}</PageTitle>
      <p className="muted">{t("site.description")}</p>
      <Storefront products={catalog.map((product) => ({ ...product, priceText: format.amount(product.price) }))} />
      <RewardedAd dailyCap={dailyRewardCap} />
      <ViewerOrders>
        <OwnedList />
      </ViewerOrders>
      <div className="actions">
        <AppLink href="/orders">{t("home.allOrders")}</AppLink>
        <ShareButton name={site.name} />
      </div>
    </>
  );
}
