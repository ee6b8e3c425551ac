import type { Metadata } from "next";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";
import { site } from "@/lib/shop/site";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t("terms.title") };
}

/** A starting point (its words are in lib/i18n/messages): change it to your own terms before you apply for a listing. */
export default async function TermsPage() {
  const { t } = await getI18n();
  return (
    <div className="prose">
      <PageTitle>{t("terms.title")}</PageTitle>
      <p className="muted">{t("terms.updated")}</p>
      <h2>{t("terms.whoHeading")}</h2>
      <p>{t("terms.who", { name: site.name })}</p>
      <h2>{t("terms.payingHeading")}</h2>
      <p>{t("terms.paying")}</p>
      <h2>{t("terms.getHeading")}</h2>
      <p>{t("terms.get")}</p>
      <h2>{t("terms.wrongHeading")}</h2>
      <p>{t("terms.wrong")}</p>
      <h2>{t("terms.changesHeading")}</h2>
      <p>{t("terms.changes")}</p>
    </div>
  );
}
