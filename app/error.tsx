"use client";

import { useI18n } from "@/components/i18n";
import { Button, PageTitle } from "@/components/ui";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t("pages.error")}</PageTitle>
      <Button onClick={reset}>{t("pages.tryAgain")}</Button>
    </>
  );
}
