export { RewardedAd } from "./rewarded-ad";
export { useAds, type AdOutcome } from "./use-ads";
