"use client";

import { useCallback, useEffect, useState } from "react";
import { useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import type { AdRewardView } from "@/lib/contract";
import { api } from "@/lib/client/api";

// Pi's ads and the SDK wrapper load once the page is up, not with it.
const piAds = () => Promise.all([import("@/lib/pi/ads"), import("@/lib/client/pi-auth")]).then(([ads, auth]) => ({ ...ads, ...auth }));

/** Pi's answers to requestAd/showAd that mean "no ad now", not "you stopped watching". */
export const noAdResults = ["AD_NOT_AVAILABLE", "AD_FAILED_TO_LOAD", "AD_DISPLAY_ERROR", "AD_NETWORK_ERROR", "ADS_NOT_SUPPORTED"] as const;
export type NoAdResult = (typeof noAdResults)[number];
const isNoAd = (result: string): result is NoAdResult => (noAdResults as readonly string[]).includes(result);

/**
 * `granted`: the reward is ours to show; `pending`: Pi has not confirmed yet, the scheduled run
 * settles it; `no_reward`: no ad now (`noAd`), or the ad did not play to the end.
 */
export type AdOutcome = { kind: "granted" | "pending" } | { kind: "no_reward"; noAd: NoAdResult | null } | { kind: "error"; error: unknown };

/**
 * Rewarded ads for a signed-in Pioneer: `supported` once Pi says this host has the ad network, and
 * `watch()`, which shows an ad and asks our server for the reward (the server checks with Pi).
 */
export function useAds(enabled: boolean) {
  const { mutate } = useSWRConfig();
  const [supported, setSupported] = useState(false);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void piAds()
      .then(({ adNetworkSupported }) => adNetworkSupported())
      .then(
        (yes) => {
          if (live) setSupported(yes);
        },
        () => undefined,
      );
    return () => {
      live = false;
    };
  }, [enabled]);

  const watch = useCallback(async (): Promise<AdOutcome> => {
    try {
      const { authenticatePage, showRewardedAd } = await piAds();
      // Pi shows rewarded ads only to a Pioneer its SDK authenticated on this page.
      await authenticatePage();
      const shown = await showRewardedAd();
      if (!shown.rewarded) return { kind: "no_reward", noAd: isNoAd(shown.result) ? shown.result : null };
      const { reward } = await api<{ reward: AdRewardView }>("/api/ads/rewards", { method: "POST", body: { adId: shown.adId } });
      // The reward shows in What you own, which reads the orders key.
      await mutate(ordersKey);
      return { kind: reward.status };
    } catch (error) {
      return { kind: "error", error };
    }
  }, [mutate]);

  return { supported, watch };
}
