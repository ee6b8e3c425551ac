/** Rewarded ads: a reward only on Pi's ad network's word, once per ad, a few a day (lib/shop/rewards.ts says what it gives). */
export { recheckAdRewards, type AdRecheckCounts } from "./recheck";
export { claimAdReward } from "./rewards";
export { adRewardBodySchema } from "./status";
