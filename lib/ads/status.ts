import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/contract";
import type { Database } from "@/lib/db";
import { markAdRewardChecked, updateAdRewardStatus } from "@/lib/db/repositories/ad-rewards";
import type { AdReward } from "@/lib/db/schema";
import { logError } from "@/lib/log";
import { PiApiError } from "@/lib/pi/errors";
import { piApi } from "@/lib/pi/platform-api";
import { deliverAdReward, withdrawAdReward } from "@/lib/shop";
import { decideRecheck, type AdStatus } from "./rules";

/** Ad ids as the SDK hands them over; anything else never reaches Pi. */
export const adIdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{8,128}$/, "is not an ad id");
export const adRewardBodySchema = z.object({ adId: adIdSchema });

const parseTime = (iso: string | null) => (iso && !Number.isNaN(Date.parse(iso)) ? new Date(iso) : null);

/**
 * Pi's ad network's word on an ad, with the server key. An id Pi does not know was made up; Pi
 * refusing our key (401, 403) says nothing about the ad, so the claim is kept to ask again.
 */
export async function readAdStatus(adId: string): Promise<AdStatus> {
  try {
    const dto = await piApi.adStatus(adId);
    return { status: dto.mediator_ack_status, grantedAt: parseTime(dto.mediator_granted_at) };
  } catch (error) {
    if (!(error instanceof PiApiError) || error.kind !== "rejected") throw error;
    if (error.refusedOurKey) {
      logError("pi.ad_status_refused", { adId, piStatus: error.status, code: error.code, reason: "check PI_API_KEY" });
      throw new AppError("pi_rejected", "Pi refused to show this ad's status to the app's key.");
    }
    throw new AppError("ad_not_found", "Pi has no rewarded ad with this id.");
  }
}

/** Applies a later look at Pi's status to a claim; delivery and withdrawal run once, with the state change. */
export async function settleAdReward(db: Database, reward: AdReward, ad: AdStatus, now: Date): Promise<AdReward> {
  if (reward.status !== "pending" && reward.status !== "granted") return reward;
  const decision = decideRecheck({ status: reward.status, claimedAt: reward.claimedAt }, ad, now);
  switch (decision.kind) {
    case "grant":
      return (
        (await db.transaction(async (tx) => {
          // Unchecked, as a reward granted at its claim is (a look while it was pending does not count):
          // the revocation check after ten minutes still comes.
          const row = await updateAdRewardStatus(tx, reward.adId, "pending", "granted", { grantedAt: decision.grantedAt, checkedAt: null });
          if (row) await deliverAdReward(tx, row);
          return row;
        })) ?? reward
      );
    case "revoke":
      return (
        (await db.transaction(async (tx) => {
          const row = await updateAdRewardStatus(tx, reward.adId, "granted", "revoked", { checkedAt: now, reason: "revoked" });
          if (row) await withdrawAdReward(tx, row);
          return row;
        })) ?? reward
      );
    case "refuse":
      return (await updateAdRewardStatus(db, reward.adId, "pending", "refused", { checkedAt: now, reason: decision.reason })) ?? reward;
    case "checked":
      await markAdRewardChecked(db, reward, now);
      return reward;
  }
}
