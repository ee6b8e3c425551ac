import "server-only";
import { AppError, type AdRewardView } from "@/lib/contract";
import { getDb, type Database } from "@/lib/db";
import { countAdRewardsSince, findAdReward, insertAdReward, lockPioneerRow } from "@/lib/db/repositories/ad-rewards";
import type { AdReward } from "@/lib/db/schema";
import { annotate } from "@/lib/log";
import { dailyRewardCap, deliverAdReward } from "@/lib/shop";
import { decideClaim } from "./rules";
import { readAdStatus, settleAdReward } from "./status";

const dayMs = 24 * 60 * 60 * 1000;
/** Pi's ad network may not have acknowledged a watch yet (null): ask a few more times, briefly, then leave it pending. */
const nullRetriesMs = [500, 1000];

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const limitReached = () => new AppError("reward_limit_reached", `You have earned today's ${dailyRewardCap} rewards. Come back tomorrow.`, undefined, 60 * 60);

function view(reward: AdReward): AdRewardView {
  if (reward.status === "pending" || reward.status === "granted") return { adId: reward.adId, status: reward.status };
  throw new AppError("ad_not_rewarded", "Pi's ad network did not reward this ad.");
}

/** An ad id claimed before: the same Pioneer sees its state (checked again while pending); anyone else is refused. */
async function claimedBefore(db: Database, reward: AdReward, userUid: string, now: Date): Promise<AdRewardView> {
  if (reward.userUid !== userUid) throw new AppError("ad_already_claimed", "This ad's reward was already claimed.");
  if (reward.status !== "pending") return view(reward);
  return view(await settleAdReward(db, reward, await readAdStatus(reward.adId), now));
}

/**
 * Claims the reward of a rewarded ad the Pioneer watched. Granted only when Pi's ad network says
 * `granted`, recently; each ad id once; at most `dailyRewardCap` a day. A claim Pi has not answered
 * yet stays pending, and the scheduled run checks it again.
 */
export async function claimAdReward(userUid: string, adId: string, now = new Date()): Promise<AdRewardView> {
  annotate({ adId });
  const db = await getDb();
  const existing = await findAdReward(db, adId);
  if (existing) return claimedBefore(db, existing, userUid, now);
  const since = new Date(now.getTime() - dayMs);
  if ((await countAdRewardsSince(db, userUid, since)) >= dailyRewardCap) throw limitReached();

  let ad = await readAdStatus(adId);
  for (const wait of nullRetriesMs) {
    if (ad.status !== null) break;
    await sleep(wait);
    ad = await readAdStatus(adId);
  }
  const decision = decideClaim(ad, now);
  if (decision.kind === "refuse") {
    throw decision.code === "ad_reward_expired"
      ? new AppError("ad_reward_expired", "This ad was watched too long ago to earn a reward.")
      : new AppError("ad_not_rewarded", "Pi's ad network did not reward this ad.");
  }

  const claimed = await db.transaction(async (tx) => {
    await lockPioneerRow(tx, userUid);
    if ((await countAdRewardsSince(tx, userUid, since)) >= dailyRewardCap) return "limit" as const;
    const row = await insertAdReward(tx, { adId, userUid, status: decision.kind === "grant" ? "granted" : "pending", claimedAt: now, grantedAt: decision.kind === "grant" ? decision.grantedAt : null });
    if (row?.status === "granted") await deliverAdReward(tx, row);
    return row;
  });
  if (claimed === "limit") throw limitReached();
  if (claimed) return view(claimed);
  // Claimed by someone else between our read and our insert.
  const taken = await findAdReward(db, adId);
  if (!taken) throw new Error("an ad reward claim vanished");
  return claimedBefore(db, taken, userUid, now);
}
