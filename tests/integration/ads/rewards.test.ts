// @vitest-environment node
// Rewarded ads: a reward only on Pi's ad network's fresh `granted`, each ad once, five a day; a
// revocation takes it back, and a claim Pi has not answered yet is settled by the scheduled run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { POST as rewardsPOST } from "@/app/api/ads/rewards/route";
import { recheckAdRewards } from "@/lib/ads";
import { getDb } from "@/lib/db";
import { migrationsFolder } from "@/lib/db/migrate";
import { adRewards } from "@/lib/db/schema";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { shop, type Pioneer } from "../../helpers/shop";

type Reward = { reward: { adId: string; status: string } } & Partial<ErrorBody>;
const minutes = (m: number) => m * 60_000;

describeEachEngine("rewarded ads", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);

  beforeEach(async () => {
    await (await getDb()).delete(adRewards);
  });
  afterEach(() => vi.useRealTimers());

  const claim = (pioneer: Pioneer, adId: unknown) => call<Reward>(rewardsPOST, "POST", "/api/ads/rewards", { token: pioneer.sessionToken, body: { adId } });
  /** A rewarded ad as Pi's ad network reports it: granted now, unless scripted otherwise. */
  const watchedAd = async (script: { status?: string | null; nullReads?: number } = {}) =>
    (await emulator().control<{ adId: string }>("POST", "/control/ads", script)).body.adId;
  /** A claim Pi's ad network has not answered yet: the app leaves it pending (202). */
  const pendingClaim = async (pioneer: Pioneer) => {
    const adId = await watchedAd({ nullReads: 10 });
    expect((await claim(pioneer, adId)).status).toBe(202);
    return adId;
  };
  /** From now on Pi's ad network answers `status` about `adId`, at once. */
  const piAnswers = (adId: string, status: "granted" | "revoked") => emulator().control("POST", `/control/ads/${adId}`, { status, nullReads: 0 });
  /** Pi revokes the ad; the scheduled run ten minutes after the claim takes the reward back. */
  const expectTakenBackOnRevocation = async (pioneer: Pioneer, adId: string) => {
    await piAnswers(adId, "revoked");
    expect(await recheckAdRewards({ now: () => new Date(Date.now() + minutes(11)) })).toMatchObject({ adRewardsRevoked: 1 });
    expect(await rewardsOwned(pioneer)).toBeUndefined();
  };
  const rewardsOwned = async (pioneer: Pioneer) => {
    const item = (await s.orders(pioneer)).body.owned.find((owned) => owned.productId === "ad-rewards");
    return item?.kind === "reward" ? item : undefined;
  };

  it("grants a reward Pi's ad network granted, and shows it in What you own", async () => {
    const alice = await s.pioneer("ads-alice");
    expect(await rewardsOwned(alice)).toBeUndefined();
    const adId = await watchedAd();
    const answer = await claim(alice, adId);
    expect([answer.status, answer.body.reward]).toEqual([200, { adId, status: "granted" }]);
    expect(await rewardsOwned(alice)).toEqual({ kind: "reward", productId: "ad-rewards", name: "Rewards earned", quantity: 1 });
  });

  it("rewards an ad id once: again by the same Pioneer changes nothing, by another is refused", async () => {
    const [alice, bob] = [await s.pioneer("ads-twice-a"), await s.pioneer("ads-twice-b")];
    const adId = await watchedAd();
    expect((await claim(alice, adId)).status).toBe(200);
    expect((await claim(alice, adId)).body.reward).toEqual({ adId, status: "granted" });
    const stolen = await claim(bob, adId);
    expect([stolen.status, stolen.body.error?.code]).toEqual([409, "ad_already_claimed"]);
    expect((await rewardsOwned(alice))?.quantity).toBe(1);
    expect(await rewardsOwned(bob)).toBeUndefined();
  });

  it("refuses a revoked or failed ad, and takes back a reward Pi revokes after granting it", async () => {
    const alice = await s.pioneer("ads-revoked");
    for (const status of ["revoked", "failed"]) {
      const refused = await claim(alice, await watchedAd({ status }));
      expect([refused.status, refused.body.error?.code]).toEqual([409, "ad_not_rewarded"]);
    }
    const adId = await watchedAd();
    expect((await claim(alice, adId)).status).toBe(200);
    await expectTakenBackOnRevocation(alice, adId);
    expect(await recheckAdRewards({ now: () => new Date(Date.now() + minutes(30)) })).toMatchObject({ adRewardsRevoked: 0 });
  });

  it("refuses a stale grant: an ad watched long ago earns nothing now", async () => {
    const alice = await s.pioneer("ads-stale");
    const adId = await watchedAd();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + minutes(11));
    const stale = await claim(alice, adId);
    expect([stale.status, stale.body.error?.code]).toEqual([409, "ad_reward_expired"]);
    expect(await rewardsOwned(alice)).toBeUndefined();
  });

  it("refuses an ad id the client made up (404) or malformed (400), without asking Pi for a malformed one", async () => {
    const alice = await s.pioneer("ads-made-up");
    const madeUp = await claim(alice, "0b5e3a56-0c64-4f57-9d6b-8c1f7c2f3a11");
    expect([madeUp.status, madeUp.body.error?.code]).toEqual([404, "ad_not_found"]);
    await s.clearCalls();
    for (const adId of ["../payments", "", 42, "a".repeat(129)]) expect((await claim(alice, adId)).status).toBe(400);
    expect(await s.calls()).toEqual([]);
    expect(await rewardsOwned(alice)).toBeUndefined();
  });

  it("stops at five rewards a day", async () => {
    const alice = await s.pioneer("ads-cap");
    for (let n = 0; n < 5; n++) expect((await claim(alice, await watchedAd())).status).toBe(200);
    const sixth = await claim(alice, await watchedAd());
    expect([sixth.status, sixth.body.error?.code]).toEqual([429, "reward_limit_reached"]);
    expect((await rewardsOwned(alice))?.quantity).toBe(5);
    // Another Pioneer has their own five.
    expect((await claim(await s.pioneer("ads-cap-other"), await watchedAd())).status).toBe(200);
  });

  it("asks again briefly while Pi has not answered, then leaves the claim pending for the scheduled run", async () => {
    const alice = await s.pioneer("ads-pending");
    const soon = await claim(alice, await watchedAd({ nullReads: 1 }));
    expect([soon.status, soon.body.reward.status]).toEqual([200, "granted"]);

    const slow = await watchedAd({ nullReads: 10 });
    const pending = await claim(alice, slow);
    expect([pending.status, pending.body.reward]).toEqual([202, { adId: slow, status: "pending" }]);
    expect((await rewardsOwned(alice))?.quantity).toBe(1);
    await piAnswers(slow, "granted");
    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 1 });
    expect((await rewardsOwned(alice))?.quantity).toBe(2);

    const never = await watchedAd({ status: null });
    expect((await claim(alice, never)).status).toBe(202);
    expect(await recheckAdRewards({ now: () => new Date(Date.now() + minutes(61)) })).toMatchObject({ adRewardsRefused: 1 });
    expect((await rewardsOwned(alice))?.quantity).toBe(2);
  });

  it("takes back a reward Pi revokes after the scheduled run granted the pending claim", async () => {
    const alice = await s.pioneer("ads-pending-revoked");
    const slow = await pendingClaim(alice);
    await piAnswers(slow, "granted");
    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 1 });
    expect((await rewardsOwned(alice))?.quantity).toBe(1);
    await expectTakenBackOnRevocation(alice, slow);
  });

  it("takes back a revoked reward even when a scheduled run looked at the claim while Pi had not answered", async () => {
    const alice = await s.pioneer("ads-looked-pending");
    const slow = await pendingClaim(alice);
    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 0, adRewardsRefused: 0 });
    await piAnswers(slow, "granted");
    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 1 });
    await expectTakenBackOnRevocation(alice, slow);
  });

  it("keeps claims when Pi refuses the app's key, and settles them once the key works again", async () => {
    const alice = await s.pioneer("ads-key-refused");
    await piAnswers(await pendingClaim(alice), "granted");

    await emulator().control("POST", "/control/faults", { method: "GET", path: "/v2/ads_network/status/*", mode: "error", status: 401, times: 100 });
    const fresh = await claim(alice, await watchedAd());
    expect([fresh.status, fresh.body.error?.code]).toEqual([502, "pi_rejected"]);
    // An hour on, a claim Pi never answered is given up; a refusal of our key is not Pi's answer.
    expect(await recheckAdRewards({ now: () => new Date(Date.now() + minutes(61)) })).toMatchObject({ adRewardsRefused: 0 });
    await emulator().control("DELETE", "/control/faults");

    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 1 });
    expect((await rewardsOwned(alice))?.quantity).toBe(1);
  });

  it("settles a newer claim after the fifty oldest failed, instead of asking about those first again", async () => {
    const alice = await s.pioneer("ads-stuck");
    const bob = await s.pioneer("ads-stuck-bob");
    const db = await getDb();
    const long = new Date(Date.now() - minutes(30));
    await db.insert(adRewards).values(Array.from({ length: 50 }, (_, i) => ({ adId: `stuck-ad-${String(i).padStart(4, "0")}`, userUid: alice.uid, status: "pending" as const, claimedAt: long, updatedAt: long })));
    await piAnswers(await pendingClaim(bob), "granted");

    // A run takes fifty claims, the oldest: every one of their reads fails (Pi refuses the key).
    await emulator().control("POST", "/control/faults", { method: "GET", path: "/v2/ads_network/status/*", mode: "error", status: 403, times: 50 });
    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 0 });
    expect(await recheckAdRewards()).toMatchObject({ adRewardsGranted: 1 });
    expect((await rewardsOwned(bob))?.quantity).toBe(1);
  });

  it("migration 0007 lets the revocation check pick the rewards the previous release granted after a look, and only those", async () => {
    const alice = await s.pioneer("ads-migration");
    const db = await getDb();
    const at = (m: number) => new Date(Date.now() - minutes(m));
    await db.insert(adRewards).values([
      // Looked at while pending (30 min ago), granted later (20 min ago): checked_at kept from the look.
      { adId: "migrated-looked-0001", userUid: alice.uid, status: "granted", claimedAt: at(40), grantedAt: at(20), checkedAt: at(30), updatedAt: at(20) },
      // Granted, then checked for a revocation: done.
      { adId: "migrated-checked-001", userUid: alice.uid, status: "granted", claimedAt: at(40), grantedAt: at(40), checkedAt: at(25), updatedAt: at(40) },
      { adId: "migrated-refused-001", userUid: alice.uid, status: "refused", claimedAt: at(90), checkedAt: at(5), updatedAt: at(5) },
    ]);
    const migration = readFileSync(path.join(migrationsFolder(), "0007_recheck_ad_rewards_granted_after_a_look.sql"), "utf8");
    await db.execute(sql.raw(migration));
    const rows = await db.select({ adId: adRewards.adId, checkedAt: adRewards.checkedAt }).from(adRewards).orderBy(adRewards.adId);
    expect(rows.map((row) => [row.adId, row.checkedAt === null])).toEqual([
      ["migrated-checked-001", false],
      ["migrated-looked-0001", true],
      ["migrated-refused-001", false],
    ]);
  });
});
