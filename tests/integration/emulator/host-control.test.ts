// @vitest-environment node
// The host the emulator plays (POST /control/host, written into the served SDK) and what the SDK recorded:
// shares and rewarded ads, listed through the control API and cleared by reset.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { piError, startTestEmulator, type EmulatorClient } from "./helpers";

const APP = "http://localhost:3000";
const DEFAULT_HOST = { hostApp: "pi-browser", answers: "immediately", init: "answers" };

let emu: EmulatorClient;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
});

/** The settings literal in the SDK as served now. */
async function servedHost(): Promise<unknown> {
  const source = String((await emu.call("GET", "/pi-sdk.js")).body);
  const literal = /\/\* pi-emulator:host \*\/ (\{[^}]*\})/.exec(source)?.[1];
  if (!literal) throw new Error("The served SDK has no host settings");
  return JSON.parse(literal);
}

describe("the host", () => {
  it("plays Pi Browser by default, in the control API and in the served SDK", async () => {
    expect((await emu.control("GET", "/host")).body).toEqual(DEFAULT_HOST);
    expect(await servedHost()).toEqual(DEFAULT_HOST);
  });

  it("takes the whole host in each call: omitted fields go back to the defaults", async () => {
    const outside = { hostApp: "none", answers: "never", init: "never" };
    expect((await emu.control("POST", "/host", outside)).body).toEqual(outside);
    expect(await servedHost()).toEqual(outside);
    expect((await emu.control("POST", "/host", { hostApp: "unknown" })).body).toEqual({ ...DEFAULT_HOST, hostApp: "unknown" });
    expect((await emu.control("POST", "/host")).body).toEqual(DEFAULT_HOST);
  });

  it("refuses unknown modes and fields, and reset restores Pi Browser", async () => {
    for (const body of [{ hostApp: "chrome" }, { answers: "later" }, { init: "sometimes" }, { hostapp: "none" }, []]) {
      piError(await emu.control("POST", "/host", body), 400, "invalid_arguments");
    }
    await emu.control("POST", "/host", { init: "never" });
    await emu.control("POST", "/reset");
    expect(await servedHost()).toEqual(DEFAULT_HOST);
  });
});

describe("what the SDK recorded", () => {
  const sharesSchema = z.object({ shares: z.array(z.strictObject({ app: z.string(), title: z.string(), message: z.string(), at: z.iso.datetime() })) });

  it("lists shares until reset, and validates them", async () => {
    const share = { app: APP, title: "Invite", message: "Shop with me" };
    expect((await emu.call("POST", "/wallet/shares", { body: share })).status).toBe(201);
    expect(sharesSchema.parse((await emu.control("GET", "/shares")).body).shares).toEqual([{ ...share, at: expect.any(String) as unknown }]);
    for (const bad of [{ ...share, title: 1 }, { ...share, app: "localhost:3000" }, { title: "t", message: "m" }]) {
      piError(await emu.call("POST", "/wallet/shares", { body: bad }), 400, "invalid_arguments");
    }
    await emu.control("POST", "/reset");
    expect((await emu.control("GET", "/shares")).body).toEqual({ shares: [] });
  });

  it("lists rewarded ads until reset", async () => {
    const { accessToken } = await emu.newUser("alice");
    const ad = z.object({ adId: z.string() }).parse((await emu.call("POST", "/wallet/rewarded-ads", { authorization: `Bearer ${accessToken}` })).body);
    expect((await emu.control("GET", "/rewarded-ads")).body).toEqual({ rewardedAds: [{ adId: ad.adId, grantedAt: expect.stringMatching(/Z$/) as unknown }] });
    await emu.control("POST", "/reset");
    expect((await emu.control("GET", "/rewarded-ads")).body).toEqual({ rewardedAds: [] });
  });
});
