import Link from "next/link";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";

export default async function NotFound() {
  const { t } = await getI18n();
  return (
    <>
      <PageTitle>{t("pages.notFound")}</PageTitle>
      <p>
        <Link href="/">{t("pages.backToShop")}</Link>
      </p>
    </>
  );
}
