/**
 * When a rewarded ad earns its reward. Pure: decided from Pi's ad network status and the clock, so
 * every branch is tested without Pi. Only `granted` with a fresh grant time rewards; the client's
 * word (AD_REWARDED) never does.
 */

/** A grant more than this far from the claim is not this watch's: an old ad id replayed. */
export const grantFreshForMs = 10 * 60 * 1000;
/** A claim Pi's ad network has not answered (null) for this long is given up. */
export const pendingForMs = 60 * 60 * 1000;
/** Granted rewards are asked about once more after this, to catch a revocation. */
export const recheckGrantedAfterMs = 10 * 60 * 1000;

export type AdStatus = { status: "granted" | "revoked" | "failed" | null; grantedAt: Date | null };

export type ClaimDecision =
  | { kind: "grant"; grantedAt: Date }
  | { kind: "pending" }
  | { kind: "refuse"; code: "ad_not_rewarded" | "ad_reward_expired"; reason: "revoked" | "failed" | "no_grant_time" | "stale_grant" };

export function decideClaim(ad: AdStatus, claimedAt: Date): ClaimDecision {
  if (ad.status === null) return { kind: "pending" };
  if (ad.status !== "granted") return { kind: "refuse", code: "ad_not_rewarded", reason: ad.status };
  if (!ad.grantedAt) return { kind: "refuse", code: "ad_not_rewarded", reason: "no_grant_time" };
  if (Math.abs(claimedAt.getTime() - ad.grantedAt.getTime()) > grantFreshForMs) return { kind: "refuse", code: "ad_reward_expired", reason: "stale_grant" };
  return { kind: "grant", grantedAt: ad.grantedAt };
}

export type RecheckDecision = { kind: "grant"; grantedAt: Date } | { kind: "refuse"; reason: string } | { kind: "revoke" } | { kind: "checked" };

/** What a later look at Pi's status does to a claim: a pending one settles, a granted one may be revoked. */
export function decideRecheck(reward: { status: "pending" | "granted"; claimedAt: Date }, ad: AdStatus, now: Date): RecheckDecision {
  if (reward.status === "granted") return ad.status === "revoked" ? { kind: "revoke" } : { kind: "checked" };
  const claim = decideClaim(ad, reward.claimedAt);
  if (claim.kind === "grant") return claim;
  if (claim.kind === "refuse") return { kind: "refuse", reason: claim.reason };
  return now.getTime() - reward.claimedAt.getTime() > pendingForMs ? { kind: "refuse", reason: "never_acknowledged" } : { kind: "checked" };
}
