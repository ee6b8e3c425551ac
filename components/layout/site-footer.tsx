import { AppLink } from "@/components/ui/app-link";
import { LocaleSwitcher } from "@/components/i18n";
import { getI18n } from "@/lib/i18n/server";

/** The pages every listed app needs, and the Pioneer's language, on every page. */
export async function SiteFooter({ name }: { name: string }) {
  const { t } = await getI18n();
  return (
    <footer className="site-footer">
      <nav aria-label={t("nav.about")}>
        <AppLink href="/privacy">{t("nav.privacy")}</AppLink>
        <AppLink href="/terms">{t("nav.terms")}</AppLink>
      </nav>
      <LocaleSwitcher />
      <p className="muted">{t("nav.paysInPi", { name })}</p>
    </footer>
  );
}
