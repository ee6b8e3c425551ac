import { getI18n } from "@/lib/i18n/server";

/** Shown whenever the app talks to the local Pi emulator, so nobody mistakes it for real Pi. */
export async function EmulatorBadge() {
  const { t } = await getI18n();
  return (
    <aside className="emulator-badge" aria-label={t("site.emulatorLabel")} data-testid="emulator-badge">
      {t("site.emulatorBadge")}
    </aside>
  );
}
