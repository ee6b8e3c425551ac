"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSession } from "@/components/session";

const links = [
  { href: "/", label: "Shop" },
  { href: "/orders", label: "Your orders" },
] as const;

/** The pages of the app; the current one is marked for screen readers and by an underline. */
export function SiteNav() {
  const pathname = usePathname();
  const { admin } = useSession();
  const shown = admin ? [...links, { href: "/debug", label: "Diagnostics" }] : links;
  return (
    <nav className="site-nav" aria-label="Main">
      {shown.map(({ href, label }) => (
        <Link key={href} href={href} aria-current={pathname === href ? "page" : undefined}>
          {label}
        </Link>
      ))}
    </nav>
  );
}
