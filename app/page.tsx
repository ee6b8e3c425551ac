import Link from "next/link";
// Not the folder's index: a server page importing a barrel of client components ships all of them
// (here the whole order history) in its first load.
import { OwnedList } from "@/components/orders/owned-list";
import { Storefront } from "@/components/shop";
import { PageTitle } from "@/components/ui";
import { catalog } from "@/lib/shop";
import { site } from "@/lib/shop/site";

export default function HomePage() {
  return (
    <>
      <PageTitle>{site.name}</PageTitle>
      <p className="muted">{site.description}</p>
      <Storefront products={catalog} />
      <OwnedList />
      <p>
        <Link href="/orders">All your orders</Link>
      </p>
    </>
  );
}
