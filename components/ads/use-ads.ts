"use client";

import { useCallback, useEffect, useState } from "react";
import { useSWRConfig } from "swr";
import { ordersKey } from "@/components/session";
import type { AdRewardView } from "@/lib/contract";
import { api } from "@/lib/client/api";
import { authenticatePage } from "@/lib/client/pi-auth";
import { adNetworkSupported, showRewardedAd } from "@/lib/pi/ads";

const text = {
  notPlayed: "No reward this time: the ad did not play to the end.",
  failed: "Something went wrong. Try again.",
  /** Pi's answers to requestAd/showAd that mean "no ad now", not "you stopped watching". */
  noAd: {
    AD_NOT_AVAILABLE: "No ad is available right now. Try again later.",
    AD_FAILED_TO_LOAD: "The ad did not load. Try again later.",
    AD_DISPLAY_ERROR: "The ad could not be shown. Try again later.",
    AD_NETWORK_ERROR: "The ad did not load. Check your connection and try again.",
    ADS_NOT_SUPPORTED: "Ads are not available in this version of Pi Browser.",
  } as Record<string, string>,
};

/** `granted`: the reward is ours to show; `pending`: Pi has not confirmed yet, the scheduled run settles it. */
export type AdOutcome = { kind: "granted" | "pending" } | { kind: "no_reward" | "error"; message: string };

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
    void adNetworkSupported().then((yes) => {
      if (live) setSupported(yes);
    });
    return () => {
      live = false;
    };
  }, [enabled]);

  const watch = useCallback(async (): Promise<AdOutcome> => {
    try {
      // Pi shows rewarded ads only to a Pioneer its SDK authenticated on this page.
      await authenticatePage();
      const shown = await showRewardedAd();
      if (!shown.rewarded) return { kind: "no_reward", message: text.noAd[shown.result] ?? text.notPlayed };
      const { reward } = await api<{ reward: AdRewardView }>("/api/ads/rewards", { method: "POST", body: { adId: shown.adId } });
      // The reward shows in What you own, which reads the orders key.
      await mutate(ordersKey);
      return { kind: reward.status };
    } catch (error) {
      return { kind: "error", message: error instanceof Error ? error.message : text.failed };
    }
  }, [mutate]);

  return { supported, watch };
}
