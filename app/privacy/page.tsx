import type { Metadata } from "next";
import { ExternalLink, PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";
import { site } from "@/lib/shop/site";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getI18n()).t("privacy.title") };
}

/**
 * A starting point, true of the template as shipped (its words are in lib/i18n/messages). Change it
 * to say what your app collects and who to write to: Pi's listing review reads this page.
 */
export default async function PrivacyPage() {
  const { t } = await getI18n();
  return (
    <div className="prose">
      <PageTitle>{t("privacy.title")}</PageTitle>
      <p className="muted">{t("privacy.updated")}</p>
      <h2>{t("privacy.keepsHeading", { name: site.name })}</h2>
      <ul>
        <li>{t("privacy.keepsIdentity")}</li>
        <li>{t("privacy.keepsOrders")}</li>
        <li>{t("privacy.keepsSession")}</li>
        <li>{t("privacy.keepsRewards")}</li>
        <li>{t("privacy.keepsPayouts")}</li>
      </ul>
      <h2>{t("privacy.notKeptHeading")}</h2>
      <p>{t("privacy.notKept")}</p>
      <h2>{t("privacy.whyHeading")}</h2>
      <p>{t("privacy.why")}</p>
      <h2>{t("privacy.whoHeading")}</h2>
      <p>
        {t("privacy.who")} <ExternalLink href="https://minepi.com">minepi.com</ExternalLink>.
      </p>
      <h2>{t("privacy.choicesHeading")}</h2>
      <p>{t("privacy.choices")}</p>
    </div>
  );
}
