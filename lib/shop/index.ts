import "server-only";
import { getDb } from "@/lib/db";
import { countGrantedAdRewards } from "@/lib/db/repositories/ad-rewards";
import { listFulfilmentsOf } from "@/lib/db/repositories/fulfilments";
import { catalog } from "./catalog";
import { summariseOwned } from "./owned";
import { rewardsOwned } from "./rewards";
import type { OwnedItem } from "./types";

/**
 * The shop: what a fork edits. The catalog (./catalog.ts), what a purchase delivers
 * (./fulfilment.ts), and what a Pioneer owns (./owned.ts). The payment engine reads prices and
 * calls the fulfilment hook from here; it never needs to change when the shop does.
 */
export { catalog, findProduct, memoFor } from "./catalog";
export { fulfilOrder } from "./fulfilment";
export { dailyRewardCap, deliverAdReward, payActionReward, withdrawAdReward } from "./rewards";
export type { Delivery, OwnedItem, Product } from "./types";

/** What the Pioneer's paid orders delivered to them, and the rewards they earned. */
export async function listOwned(userUid: string, now = new Date()): Promise<OwnedItem[]> {
  const db = await getDb();
  const [deliveries, rewards] = await Promise.all([listFulfilmentsOf(db, userUid), countGrantedAdRewards(db, userUid)]);
  const reward = rewardsOwned(rewards);
  return [...summariseOwned(deliveries, catalog, now), ...(reward ? [reward] : [])];
}
