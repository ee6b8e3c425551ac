"use client";

import { useState } from "react";
import { useSession } from "@/components/session";
import { Button, Card, Notice } from "@/components/ui";
import { useAds, type AdOutcome } from "./use-ads";

const text = {
  heading: "Rewards",
  intro: (cap: number) => `Watch a short ad and earn a reward, up to ${cap} a day.`,
  // Buttons do not wrap: the visible label stays short enough for 320 px at 200 % text; the name says the rest.
  watch: "Watch ad",
  watchName: "Watch an ad for a reward",
  showing: "Playing…",
  granted: "Reward earned! It's in What you own.",
  pending: "Thanks for watching. Your reward is being confirmed and shows up shortly.",
};

const tones: Record<AdOutcome["kind"], "ok" | "neutral" | "bad"> = { granted: "ok", pending: "neutral", no_reward: "neutral", error: "bad" };

const say = (outcome: AdOutcome) => ("message" in outcome ? outcome.message : text[outcome.kind]);

/** "Watch an ad for a reward": only for a signed-in Pioneer, and only where Pi shows ads. `dailyCap` is the server's. */
export function RewardedAd({ dailyCap }: { dailyCap: number }) {
  const signedIn = useSession().status === "signed-in";
  const { supported, watch } = useAds(signedIn);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<AdOutcome | null>(null);
  if (!signedIn || !supported) return null;

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    setOutcome(await watch());
    setBusy(false);
  };

  return (
    <Card aria-labelledby="rewards-heading">
      <h2 id="rewards-heading">{text.heading}</h2>
      <p className="muted">{text.intro(dailyCap)}</p>
      <Button onClick={() => void run()} disabled={busy} aria-label={text.watchName}>
        {busy ? text.showing : text.watch}
      </Button>
      <Notice role="status" tone={outcome ? tones[outcome.kind] : "neutral"} data-testid="ad-reward-status">
        {outcome ? say(outcome) : ""}
      </Notice>
    </Card>
  );
}
