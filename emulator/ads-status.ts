// GET /v2/ads_network/status/:adId, the check an app makes before granting a reward, and the control route
// that scripts what the ad network reports: still pending (null) for some reads, revoked, or failed.
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { apiError, json, matchRoute, parseBody, type EmulatorRequest, type EmulatorResponse } from "./http";
import type { RewardedAd } from "./store";

const ACK_STATUSES = ["granted", "revoked", "failed"] as const;
type Mediator = NonNullable<RewardedAd["mediator"]>;

const scriptSchema = z.object({
  /** What the ad network settles on; null: it never answers. */
  status: z.enum(ACK_STATUSES).nullable().default("granted"),
  /** How many status reads answer null first (the mediator has not acknowledged yet). */
  nullReads: z.number().int().min(0).max(1000).default(0),
});
const scriptBodySchema = z.union([z.undefined(), scriptSchema]);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** RewardedAdStatusDTO; each read while `nullReads` remain answers null and uses one up. */
export function rewardedAdStatus(adId: string, ctx: EmulatorContext): EmulatorResponse {
  const ad = ctx.store.getRewardedAd(adId);
  if (!ad) return apiError(404, "not_found", `No rewarded ad with id ${adId}.`);
  const mediator: Mediator = ad.mediator ?? { status: "granted", nullReads: 0, revokedAt: null };
  const pending = mediator.nullReads > 0;
  if (pending) mediator.nullReads -= 1;
  const status = pending ? null : mediator.status;
  return json(200, {
    identifier: ad.identifier,
    mediator_ack_status: status,
    mediator_granted_at: status === "granted" || status === "revoked" ? iso(ad.grantedAt) : null,
    mediator_revoked_at: status === "revoked" ? iso(mediator.revokedAt) : null,
  });
}

/**
 * POST /control/ads {status?, nullReads?}: a rewarded ad as if the SDK reported it watched, scripted.
 * POST /control/ads/:adId {status?, nullReads?}: scripts an existing one (404 when unknown).
 */
export function handleAdsControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  if (req.method !== "POST") return undefined;
  const existing = matchRoute("/control/ads/:adId", req.path);
  if (req.path !== "/control/ads" && !existing) return undefined;
  const body = parseBody(req, scriptBodySchema);
  if (!body.ok) return body.response;
  const ad = existing ? ctx.store.getRewardedAd(existing.adId ?? "") : ctx.store.addRewardedAd();
  if (!ad) return apiError(404, "not_found", `No rewarded ad with id ${existing?.adId ?? ""}.`);
  const { status, nullReads } = body.value ?? scriptSchema.parse({});
  ad.mediator = { status, nullReads, revokedAt: status === "revoked" ? ctx.now() : null };
  return json(existing ? 200 : 201, { adId: ad.identifier, status, nullReads });
}
