import Link from "next/link";
import { RewardedAd } from "@/components/ads";
import { OwnedList } from "@/components/orders";
import { ShareButton } from "@/components/pi";
import { Storefront } from "@/components/shop";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";
import { catalog, dailyRewardCap } from "@/lib/shop";
import { site } from "@/lib/shop/site";

export default async function HomePage() {
  const { t } = await getI18n();
  return (
    <>
      <PageTitle>{site.name}</PageTitle>
      <p className="muted">{t("site.description")}</p>
      <Storefront products={catalog} />
      <RewardedAd dailyCap={dailyRewardCap} />
      <OwnedList />
      <div className="actions">
        <Link href="/orders">{t("home.allOrders")}</Link>
        <ShareButton name={site.name} />
      </div>
    </>
  );
}
