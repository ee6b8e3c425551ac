// @vitest-environment node
// GET /v2/ads_network/status/:adId with the server key, for ads the SDK reported and ads scripted by /control/ads.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ISO_MS, piError, startTestEmulator, type EmulatorClient } from "./helpers";

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

const statusSchema = z.strictObject({
  identifier: z.string(),
  mediator_ack_status: z.enum(["granted", "revoked", "failed"]).nullable(),
  mediator_granted_at: z.string().regex(ISO_MS).nullable(),
  mediator_revoked_at: z.string().regex(ISO_MS).nullable(),
});
const status = async (adId: string) => {
  const reply = await emu.server("GET", `/v2/ads_network/status/${adId}`);
  expect(reply.status).toBe(200);
  return statusSchema.parse(reply.body);
};
const scripted = async (body?: unknown) => z.object({ adId: z.string() }).parse((await emu.control("POST", "/ads", body)).body).adId;

describe("rewarded ad status", () => {
  it("is granted for an ad the SDK reported watched", async () => {
    const { accessToken } = await emu.newUser("alice");
    const { adId } = z.object({ adId: z.string() }).parse((await emu.call("POST", "/wallet/rewarded-ads", { authorization: `Bearer ${accessToken}` })).body);
    expect(await status(adId)).toEqual({ identifier: adId, mediator_ack_status: "granted", mediator_granted_at: expect.stringMatching(ISO_MS) as unknown, mediator_revoked_at: null });
  });

  it("answers null for the first nullReads reads, then the scripted status", async () => {
    const adId = await scripted({ status: "granted", nullReads: 2 });
    const pending = { identifier: adId, mediator_ack_status: null, mediator_granted_at: null, mediator_revoked_at: null };
    expect(await status(adId)).toEqual(pending);
    expect(await status(adId)).toEqual(pending);
    expect((await status(adId)).mediator_ack_status).toBe("granted");
    expect((await status(adId)).mediator_ack_status).toBe("granted");
  });

  it("reports a revoked ad with both times, a failed one with none, and one that never settles", async () => {
    const revoked = await status(await scripted({ status: "revoked" }));
    expect(revoked).toMatchObject({ mediator_ack_status: "revoked", mediator_granted_at: expect.stringMatching(ISO_MS) as unknown, mediator_revoked_at: expect.stringMatching(ISO_MS) as unknown });
    expect(await status(await scripted({ status: "failed" }))).toMatchObject({ mediator_ack_status: "failed", mediator_granted_at: null, mediator_revoked_at: null });
    const never = await scripted({ status: null });
    expect((await status(never)).mediator_ack_status).toBeNull();
    expect((await status(never)).mediator_ack_status).toBeNull();
  });

  it("scripts an existing ad, and answers 404 for unknown ones", async () => {
    const adId = await scripted();
    expect((await status(adId)).mediator_ack_status).toBe("granted");
    expect((await emu.control("POST", `/ads/${adId}`, { status: "revoked" })).status).toBe(200);
    expect((await status(adId)).mediator_ack_status).toBe("revoked");
    piError(await emu.control("POST", "/ads/unknown", { status: "failed" }), 404, "not_found");
    piError(await emu.server("GET", "/v2/ads_network/status/unknown"), 404, "not_found");
    piError(await emu.control("POST", "/ads", { status: "maybe" }), 400, "invalid_arguments");
  });

  it("needs the server key", async () => {
    const adId = await scripted();
    piError(await emu.call("GET", `/v2/ads_network/status/${adId}`), 401, "unauthorized");
  });
});
