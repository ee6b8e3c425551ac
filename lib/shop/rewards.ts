import "server-only";
import type { Transaction } from "@/lib/db";
import type { AdReward } from "@/lib/db/schema";
import { requestPayout } from "@/lib/payouts/request";
import type { OwnedItem } from "./types";

/**
 * What a watched rewarded ad gives the Pioneer: the one place a fork changes it.
 *
 * `deliverAdReward` runs exactly once per reward, inside the transaction that marks it granted,
 * after Pi's ad network said `granted`; `withdrawAdReward` runs once if Pi later revokes it. Use
 * `tx` for every write. The sample's reward is the granted claim itself, counted in "What you own"
 * by `rewardsOwned`; give points, a free item or a discount here instead.
 */

/** Rewards a Pioneer can earn in 24 hours. */
export const dailyRewardCap = 5;

export function deliverAdReward(_tx: Transaction, _reward: AdReward): Promise<void> {
  return Promise.resolve();
}

export function withdrawAdReward(_tx: Transaction, _reward: AdReward): Promise<void> {
  return Promise.resolve();
}

/** The "What you own" row for the Pioneer's granted rewards; none before the first. */
export function rewardsOwned(granted: number): OwnedItem | null {
  return granted > 0 ? { kind: "reward", productId: "ad-rewards", name: "Rewards earned", quantity: granted } : null;
}

/**
 * An example of a π reward for a completed action (not wired to anything): call it from server code
 * that has verified the action, with an id that names it. The business key makes it pay once, and it
 * only queues: the payout worker pays it in the next scheduled run. Needs payouts enabled.
 */
export function payActionReward(uid: string, actionId: string) {
  return requestPayout({ businessKey: `reward:${actionId}`, uid, amount: "0.1", memo: "Thanks for helping out!" });
}
