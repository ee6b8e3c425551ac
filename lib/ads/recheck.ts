import "server-only";
import { AppError } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { listAdRewardsToRecheck, noteAdRewardAttempt } from "@/lib/db/repositories/ad-rewards";
import { logError } from "@/lib/log";
import { recheckGrantedAfterMs, type AdStatus } from "./rules";
import { readAdStatus, settleAdReward } from "./status";

export type AdRecheckCounts = { adRewardsGranted: number; adRewardsRevoked: number; adRewardsRefused: number };

/**
 * Part of the scheduled run: claims Pi's ad network had not answered are asked about again (granted,
 * refused, or given up after an hour), and each granted reward once more after ten minutes, so a
 * revocation takes the reward back.
 */
export async function recheckAdRewards(options: { deadline?: number; now?: () => Date } = {}): Promise<AdRecheckCounts> {
  const now = options.now ?? (() => new Date());
  const counts: AdRecheckCounts = { adRewardsGranted: 0, adRewardsRevoked: 0, adRewardsRefused: 0 };
  const db = await getDb();
  for (const reward of await listAdRewardsToRecheck(db, new Date(now().getTime() - recheckGrantedAfterMs))) {
    if (options.deadline !== undefined && now().getTime() >= options.deadline) break;
    try {
      const after = await settleAdReward(db, reward, await statusOrSilence(reward.adId), now());
      if (after.status === reward.status) continue;
      if (after.status === "granted") counts.adRewardsGranted += 1;
      if (after.status === "revoked") counts.adRewardsRevoked += 1;
      if (after.status === "refused") counts.adRewardsRefused += 1;
    } catch (error) {
      logError("ad_rewards.recheck_failed", { adId: reward.adId, error: error instanceof Error ? error.name : "error" });
      // Best effort: a failure here must not end the run and lose the counts of what it settled.
      await noteAdRewardAttempt(db, reward.adId, now()).catch(() => undefined);
    }
  }
  return counts;
}

/** An ad Pi no longer knows is treated as one it never answered about: a pending claim then runs out. */
async function statusOrSilence(adId: string): Promise<AdStatus> {
  try {
    return await readAdStatus(adId);
  } catch (error) {
    if (error instanceof AppError && error.code === "ad_not_found") return { status: null, grantedAt: null };
    throw error;
  }
}
