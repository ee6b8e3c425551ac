"use client";

import { useState } from "react";
import { errorText, useI18n, type I18n } from "@/components/i18n";
import { useSession } from "@/components/session";
import { Button, Card, Notice } from "@/components/ui";
import { paysHere } from "@/lib/pi/host";
import { useAds, type AdOutcome } from "./use-ads";

const tones: Record<AdOutcome["kind"], "ok" | "neutral" | "bad"> = { granted: "ok", pending: "neutral", no_reward: "neutral", error: "bad" };

function say(outcome: AdOutcome, t: I18n["t"]): string {
  switch (outcome.kind) {
    case "granted":
    case "pending":
      return t(`ads.${outcome.kind}`);
    case "no_reward":
      return outcome.noAd ? t(`ads.${outcome.noAd}`) : t("ads.noReward");
    case "error":
      return errorText(outcome.error, t);
  }
}

/** "Watch an ad for a reward": only for a signed-in Pioneer, and only where Pi shows ads. `dailyCap` is the server's. */
export function RewardedAd({ dailyCap }: { dailyCap: number }) {
  const { status, host } = useSession();
  const { t } = useI18n();
  // Outside a Pi host the SDK never answers: do not even ask it.
  const signedIn = status === "signed-in";
  const { supported, watch } = useAds(signedIn && paysHere(host));
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AdOutcome | null>(null);
  if (!signedIn || !supported) return null;

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    setOutcome(await watch());
    setBusy(false);
  };

  // Buttons do not wrap: the visible label stays short enough for 320 px at 200 % text; the name says the rest.
  return (
    <Card aria-labelledby="rewards-heading">
      <h2 id="rewards-heading">{t("ads.heading")}</h2>
      <p className="muted">{t("ads.intro", { count: dailyCap })}</p>
      <Button onClick={() => void run()} disabled={busy} aria-label={t("ads.watchName")}>
        {busy ? t("ads.showing") : t("ads.watch")}
      </Button>
      <Notice role="status" tone={outcome ? tones[outcome.kind] : "neutral"} data-testid="ad-reward-status">
        {outcome ? say(outcome, t) : ""}
      </Notice>
    </Card>
  );
}
