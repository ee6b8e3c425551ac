/** What the shop sells and what a Pioneer owns, as both the server and the browser see it. */

/**
 * How a product shows up in "What you own": a subscription runs for `days` from each purchase (they
 * add up), an item is counted, a tip is thanked for. Add a kind here if your shop needs another.
 */
export type Delivery = { kind: "subscription"; days: number } | { kind: "item" } | { kind: "tip" };

export type Product = {
  id: string;
  name: string;
  description: string;
  /** A decimal string in π with at most 7 decimals, so it stays exact. */
  price: string;
  delivers: Delivery;
};

export type OwnedItem =
  | { kind: "subscription"; productId: string; name: string; activeUntil: string; active: boolean }
  | { kind: "item" | "tip"; productId: string; name: string; quantity: number }
  /** Not bought: earned by watching rewarded ads (lib/shop/rewards.ts). */
  | { kind: "reward"; productId: string; name: string; quantity: number };
