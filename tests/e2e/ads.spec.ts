import { expect, test } from "./fixtures";

test("watch a fake rewarded ad to the end and see the reward; closing one early earns nothing", async ({ page, app, emulator }) => {
  void emulator;
  await page.goto("/");
  await app.signIn("alice");
  const status = page.getByTestId("ad-reward-status");

  await app.button("Watch an ad for a reward").click();
  const ad = page.getByRole("dialog", { name: "Rewarded ad" });
  await ad.getByRole("button", { name: "Close the ad" }).click();
  await expect(status).toHaveText("No reward this time: the ad did not play to the end.");
  await expect(app.owned("ad-rewards")).toHaveCount(0);

  await app.button("Watch an ad for a reward").click();
  await page.screenshot({ path: "test-results/screens/rewarded-ad.png" });
  await ad.getByRole("button", { name: "Watch to the end" }).click();
  await expect(status).toHaveText("Reward earned! It's in What you own.");
  await expect(app.owned("ad-rewards")).toContainText("1 so far, from watching ads");
});
