import type { Metadata } from "next";
import { SignInCallback } from "@/components/session/sign-in-callback";
import { PageTitle } from "@/components/ui";
import { getI18n } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: t("signin.title"), robots: { index: false, follow: false } };
}

export default async function SignInCallbackPage() {
  const { t } = await getI18n();
  return (
    <>
      <PageTitle>{t("signin.title")}</PageTitle>
      <SignInCallback />
    </>
  );
}
