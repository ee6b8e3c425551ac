"use client";

import { AppLink } from "@/components/ui/app-link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n";
import { useSession } from "@/components/session";

const links = [
  { href: "/", label: "nav.shop" },
  { href: "/orders", label: "nav.orders" },
] as const;

/** The pages of the app; the current one is marked for screen readers and by an underline. */
export function SiteNav() {
  const pathname = usePathname();
  const { admin } = useSession();
  const { t } = useI18n();
  const shown = admin ? [...links, { href: "/debug", label: "nav.diagnostics" } as const] : links;
  return (
    <nav className="site-nav" aria-label={t("nav.label")}>
      {shown.map(({ href, label }) => (
        <AppLink key={href} href={href} aria-current={pathname === href ? "page" : undefined}>
          {t(label)}
        </AppLink>
      ))}
    </nav>
  );
}
