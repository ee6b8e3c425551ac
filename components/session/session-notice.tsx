"use client";

import { errorText, useI18n } from "@/components/i18n";
import { Notice } from "@/components/ui";
import { useSession } from "./use-session";

/** What went wrong with signing in or out, under the header on every page. Always rendered, so it is announced. */
export function SessionNotice() {
  const { error } = useSession();
  const { t } = useI18n();
  return (
    <Notice role="alert" tone="bad" boxed data-testid="session-error">
      {error ? errorText(error, t) : ""}
    </Notice>
  );
}
