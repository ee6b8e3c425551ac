import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RewardedAd } from "@/components/ads";
import { OwnedList } from "@/components/orders";
import type { PiAds } from "@/lib/pi/sdk-types";
import { countOf, installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi } from "./render";

const alice = { uid: "u1", username: "alice" };
const signedIn = {
  "GET /api/auth/session": () => ({ status: 200, body: { user: alice } }),
  "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
  "POST /api/payments/reconcile": nothingReconciled,
};
const granted = (body: unknown) => ({ status: 200, body: { reward: { adId: (body as { adId: string }).adId, status: "granted" } } });

afterEach(resetPage);

/** Pi with the ad network; `ads` replaces Pi.Ads' methods (by default: ready, and watched to the end). */
function piWithAds(ads: Partial<PiAds> = {}, features = ["inline_media", "ad_network"]) {
  const Ads: PiAds = {
    isAdReady: vi.fn(() => Promise.resolve({ type: "rewarded" as const, ready: true })),
    requestAd: vi.fn(() => Promise.resolve({ type: "rewarded" as const, result: "AD_LOADED" })),
    showAd: vi.fn(() => Promise.resolve({ type: "rewarded" as const, result: "AD_REWARDED", adId: "ad-1" })),
    ...ads,
  };
  installPi({ authenticate: piSignsIn("u1"), nativeFeaturesList: () => Promise.resolve(features), Ads });
}

const watchButton = () => screen.findByRole("button", { name: "Watch an ad for a reward" });
const status = () => screen.getByTestId("ad-reward-status");

describe("Watch an ad for a reward", () => {
  it("earns the reward the server confirms with Pi, and shows it in What you own", async () => {
    piWithAds();
    let rewards = 0;
    const calls = stubApi({
      ...signedIn,
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: rewards ? [{ kind: "reward", productId: "ad-rewards", name: "Rewards earned", quantity: rewards }] : [] } }),
      "POST /api/ads/rewards": (body) => ((rewards += 1), granted(body)),
    });
    renderApp(
      <>
        <RewardedAd dailyCap={5} />
        <OwnedList />
      </>,
    );
    expect(await screen.findByText("Watch a short ad and earn a reward, up to 5 a day.")).toBeTruthy();
    fireEvent.click(await watchButton());
    await vi.waitFor(() => expect(status().textContent).toBe("Reward earned! It's in What you own."));
    expect(calls.filter((c) => c.route === "POST /api/ads/rewards").map((c) => c.body)).toEqual([{ adId: "ad-1" }]);
    expect((await screen.findByTestId("owned-ad-rewards")).textContent).toContain("1 so far, from watching ads");
  });

  // Some SDK versions answer a bare boolean, others {type, ready}: an ad is loaded first only when none is ready.
  it.each([
    { answer: false, loads: true },
    { answer: { type: "rewarded", ready: false } as const, loads: true },
    { answer: true, loads: false },
    { answer: { type: "rewarded", ready: true } as const, loads: false },
  ])("isAdReady answering $answer: requestAd called first: $loads", async ({ answer, loads }) => {
    const requestAd = vi.fn(() => Promise.resolve({ type: "rewarded" as const, result: "AD_LOADED" }));
    piWithAds({ isAdReady: vi.fn(() => Promise.resolve(answer)), requestAd });
    stubApi({ ...signedIn, "POST /api/ads/rewards": granted });
    renderApp(<RewardedAd dailyCap={5} />);
    fireEvent.click(await watchButton());
    await vi.waitFor(() => expect(status().textContent).toMatch(/Reward earned/));
    expect(requestAd.mock.calls).toEqual(loads ? [["rewarded"]] : []);
  });

  it("asks for no reward when the Pioneer closes the ad early, or no ad could load", async () => {
    piWithAds({ showAd: vi.fn(() => Promise.resolve({ type: "rewarded" as const, result: "AD_CLOSED" })) });
    const calls = stubApi({ ...signedIn, "POST /api/ads/rewards": granted });
    renderApp(<RewardedAd dailyCap={5} />);
    fireEvent.click(await watchButton());
    await vi.waitFor(() => expect(status().textContent).toBe("No reward this time: the ad did not play to the end."));
    resetPage();

    piWithAds({ isAdReady: vi.fn(() => Promise.resolve(false)), requestAd: vi.fn(() => Promise.resolve({ result: "AD_NOT_AVAILABLE" })) });
    const again = stubApi({ ...signedIn, "POST /api/ads/rewards": granted });
    renderApp(<RewardedAd dailyCap={5} />);
    fireEvent.click(await watchButton());
    await vi.waitFor(() => expect(status().textContent).toBe("No ad is available right now. Try again later."));
    expect([countOf(calls, "POST /api/ads/rewards"), countOf(again, "POST /api/ads/rewards")]).toEqual([0, 0]);
  });

  it("says the reward is being confirmed while Pi's ad network has not answered", async () => {
    piWithAds();
    stubApi({ ...signedIn, "POST /api/ads/rewards": () => ({ status: 202, body: { reward: { adId: "ad-1", status: "pending" } } }) });
    renderApp(<RewardedAd dailyCap={5} />);
    fireEvent.click(await watchButton());
    await vi.waitFor(() => expect(status().textContent).toBe("Thanks for watching. Your reward is being confirmed and shows up shortly."));
  });

  it("shows the server's refusal, such as the daily limit", async () => {
    piWithAds();
    const message = "You have earned today's 5 rewards. Come back tomorrow.";
    stubApi({ ...signedIn, "POST /api/ads/rewards": () => ({ status: 429, body: { error: { code: "reward_limit_reached", message } } }) });
    renderApp(<RewardedAd dailyCap={5} />);
    fireEvent.click(await watchButton());
    // Shown in the Pioneer's language, from the code.
    await vi.waitFor(() => expect(status().textContent).toBe("You have earned today's rewards. Come back tomorrow."));
    expect((await watchButton()).hasAttribute("disabled")).toBe(false);
  });

  it("offers nothing where Pi shows no ads, or to a Pioneer not signed in", async () => {
    piWithAds({}, ["inline_media"]);
    const calls = stubApi(signedIn);
    renderApp(<RewardedAd dailyCap={5} />);
    expect(await screen.findByTestId("username")).toBeTruthy();
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
    expect(screen.queryByRole("button", { name: "Watch an ad for a reward" })).toBeNull();
    resetPage();

    piWithAds();
    stubApi({ "GET /api/auth/session": () => ({ status: 401, body: { error: { code: "unauthenticated", message: "Sign in with Pi first." } } }) });
    renderApp(<RewardedAd dailyCap={5} />);
    expect(await screen.findByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Watch an ad for a reward" })).toBeNull();
  });
});
