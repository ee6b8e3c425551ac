import { claimAdReward, adRewardBodySchema } from "@/lib/ads";
import { readJson } from "@/lib/http/request";
import { route } from "@/lib/http/route";
import { requireCallerWithinLimit } from "@/lib/limits";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * POST {adId} from Pi.Ads.showAd("rewarded") → 200 {reward: {adId, status: "granted"}}, or 202 with
 * `pending` while Pi's ad network has not answered yet. The server asks Pi; the client's word is not enough.
 */
export const POST = route("ads.rewards", async (request) => {
  const { user } = await requireCallerWithinLimit(request);
  const { adId } = await readJson(request, adRewardBodySchema);
  const reward = await claimAdReward(user.uid, adId);
  return Response.json({ reward }, { status: reward.status === "granted" ? 200 : 202 });
});
