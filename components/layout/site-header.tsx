import Link from "next/link";
import { SessionControl } from "@/components/session";
import { site } from "@/lib/shop/site";
import { SiteNav } from "./site-nav";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <Link href="/" className="brand">
          {site.name}
        </Link>
        <SessionControl />
      </div>
      <SiteNav />
    </header>
  );
}
