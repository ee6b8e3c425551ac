import Link from "next/link";
import { RewardedAd } from "@/components/ads";
import { OwnedList } from "@/components/orders";
import { Storefront } from "@/components/shop";
import { PageTitle } from "@/components/ui";
import { catalog, dailyRewardCap } from "@/lib/shop";
import { site } from "@/lib/shop/site";

export default function HomePage() {
  return (
    <>
      <PageTitle>{site.name}</PageTitle>
      <p className="muted">{site.description}</p>
      <Storefront products={catalog} />
      <RewardedAd dailyCap={dailyRewardCap} />
      <OwnedList />
      <p>
        <Link href="/orders">All your orders</Link>
      </p>
    </>
  );
}
