import { getPi } from "./sdk";

/**
 * Pi's rewarded ads in the browser. Whether ads exist comes from Pi.nativeFeaturesList() (Pi Browser
 * with the ad network); the reward itself is only ever granted by our server, from Pi's own status.
 */

/** True when this host shows Pi's ads; never throws. */
export async function adNetworkSupported(): Promise<boolean> {
  try {
    const pi = await getPi();
    const features = pi.nativeFeaturesList ? await pi.nativeFeaturesList() : [];
    return Array.isArray(features) && features.includes("ad_network") && Boolean(pi.Ads);
  } catch {
    return false;
  }
}

/** `isAdReady` answers a bare boolean in some SDK versions and `{type, ready}` in others. */
export function isReadyAnswer(answer: unknown): boolean {
  if (typeof answer === "boolean") return answer;
  return typeof answer === "object" && answer !== null && "ready" in answer && answer.ready === true;
}

/** `result` is Pi's word for why there is no reward, e.g. AD_CLOSED or AD_NOT_AVAILABLE. */
export type RewardedAdResult = { rewarded: true; adId: string } | { rewarded: false; result: string };

/** Loads a rewarded ad if none is ready, shows it, and hands back its id when Pi says AD_REWARDED. */
export async function showRewardedAd(): Promise<RewardedAdResult> {
  const ads = (await getPi()).Ads;
  if (!ads) return { rewarded: false, result: "ADS_NOT_SUPPORTED" };
  if (!isReadyAnswer(await ads.isAdReady("rewarded"))) {
    const loaded = await ads.requestAd("rewarded");
    if (loaded.result !== "AD_LOADED") return { rewarded: false, result: loaded.result };
  }
  const shown = await ads.showAd("rewarded");
  const adId = shown.result === "AD_REWARDED" ? shown.adId : undefined;
  return adId ? { rewarded: true, adId } : { rewarded: false, result: shown.result };
}
