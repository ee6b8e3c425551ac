"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n";
import { useSession } from "@/components/session";
import { Button, Notice } from "@/components/ui";
import { shareApp, type ShareOutcome } from "@/lib/client/share";

/** "Share this app": Pi Browser's share sheet, the system's share sheet, or the link copied. */
export function ShareButton({ name }: { name: string }) {
  const { t } = useI18n();
  const { host } = useSession();
  const [outcome, setOutcome] = useState<{ said: ShareOutcome; url: string } | null>(null);

  const share = async () => {
    const url = `${window.location.origin}/`;
    const said = await shareApp(host, { title: t("share.title", { name }), message: t("share.message", { name, url }), url });
    setOutcome({ said, url });
  };

  return (
    <span className="share">
      <Button variant="secondary" onClick={() => void share()}>
        {t("share.button")}
      </Button>
      <Notice role="status" tone={outcome?.said === "failed" ? "bad" : "neutral"} data-testid="share-status">
        {outcome?.said === "copied" ? t("share.copied") : outcome?.said === "failed" ? t("share.failed", { url: outcome.url }) : ""}
      </Notice>
    </span>
  );
}
