"use client";

import { useState } from "react";
import { useI18n } from "@/components/i18n";
import { Button, Notice } from "@/components/ui";
import { copyText } from "@/lib/client/share";

/**
 * Outside Pi Browser: paying needs the Pioneer's Pi wallet, which only Pi Browser has. Says so, and
 * hands over the app's link to open there (shown too, in case the clipboard is refused).
 */
export function PayInPiBrowser({ id }: { id: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<boolean | null>(null);
  const url = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <div className="card pay-elsewhere" data-testid="pay-in-pi-browser">
      <p id={id}>
        {t("product.payInPiBrowser")} <span dir="ltr">{url}</span>
      </p>
      <Button variant="secondary" onClick={() => void copyText(window.location.origin).then(setCopied)}>
        {t("product.copyLink")}
      </Button>
      <Notice role="status" tone={copied === false ? "bad" : "neutral"}>
        {copied === true ? t("product.linkCopied") : copied === false ? t("share.failed", { url }) : ""}
      </Notice>
    </div>
  );
}
