import { AppLink } from "@/components/ui/app-link";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <>
      <PageTitle>{t("pages.notFound")}</PageTitle>
      <p>
        <AppLink href="/">{t("pages.backToShop")}</AppLink>
      </p>
    </>
  );
}
