// @vitest-environment node
// What browsers touch: CORS, the SDK script, the sandbox frame, and the SDK's own wallet routes.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { ISO_MS, payment, piError, startTestEmulator, type EmulatorClient } from "./helpers";

const sessionSchema = z.object({ accessToken: z.string(), user: z.object({ uid: z.string(), username: z.string().optional() }) });
const pioneersSchema = z.object({ pioneers: z.array(z.object({ uid: z.string(), username: z.string() })) });

let emu: EmulatorClient;

beforeAll(async () => {
  emu = await startTestEmulator({ callbackRetryMs: 1234, approvalExpiryMs: 5678 });
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
});

describe("CORS", () => {
  it.each(["/v2/me", "/v2/payments/abc/approve", "/wallet/sessions", "/control/reset"])("answers the preflight for %s", async (path) => {
    const res = await fetch(`${emu.emulator.url}${path}`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:3000", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "authorization,content-type" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
    expect(res.headers.get("access-control-allow-headers")).toMatch(/Content-Type/);
    expect(res.headers.get("access-control-allow-methods")).toMatch(/POST/);
  });

  it("sets Access-Control-Allow-Origin on answers, errors included", async () => {
    expect((await emu.call("GET", "/wallet/config")).headers.get("access-control-allow-origin")).toBe("*");
    expect((await emu.call("GET", "/v2/me")).headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("static pages", () => {
  it.each([
    ["/pi-sdk.js", 'Reflect.set(window, "Pi", Pi)'],
    ["/sandbox-page.js", '"pi-emulator:get-pioneer"'],
  ])("serves %s as JavaScript", async (path, excerpt) => {
    const reply = await emu.call("GET", path);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^application\/javascript/);
    expect(String(reply.body)).toContain(excerpt);
  });

  it("frames an http(s) app in the sandbox page and rejects other URLs", async () => {
    const reply = await emu.call("GET", `/sandbox?app=${encodeURIComponent("http://localhost:3000/shop?a=1&b=<2>")}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^text\/html/);
    const html = String(reply.body);
    expect(html).toContain("Pi Sandbox (emulator)");
    expect(html).toContain('<iframe title="App" src="http://localhost:3000/shop?a=1&#38;b=%3C2%3E"');
    // Its script comes before the frame, so it listens before the app can ask.
    expect(html.indexOf('<script src="/sandbox-page.js"></script>')).toBeLessThan(html.indexOf("<iframe"));
    for (const bad of ["javascript:alert(1)", "file:///etc/passwd", "/relative", ""]) {
      piError(await emu.call("GET", `/sandbox?app=${encodeURIComponent(bad)}`), 400, "invalid_arguments");
    }
    piError(await emu.call("GET", "/sandbox"), 400, "invalid_arguments");
  });

  it("answers 404 JSON for unknown paths", async () => {
    piError(await emu.call("GET", "/nope"), 404, "not_found");
    piError(await emu.call("GET", "/control/nope"), 404, "not_found");
  });
});

describe("wallet routes used by the SDK", () => {
  const app = "http://localhost:3000";

  async function alice() {
    const { pioneers } = pioneersSchema.parse((await emu.call("GET", "/wallet/pioneers")).body);
    const found = pioneers.find((p) => p.username === "alice");
    if (!found) throw new Error("alice is missing");
    return found;
  }

  async function signIn(scopes: string[] = ["username", "payments"]) {
    const reply = await emu.call("POST", "/wallet/consents", { body: { app, uid: (await alice()).uid, scopes } });
    return sessionSchema.parse(reply.body);
  }

  it("tells the SDK its timing", async () => {
    expect((await emu.call("GET", "/wallet/config")).body).toEqual({ network: "Pi Testnet", callbackRetryMs: 1234, approvalExpiryMs: 5678 });
  });

  it("issues a fresh token per session that works on /v2/me", async () => {
    const first = await signIn();
    const second = await signIn(["payments"]);
    expect(first.accessToken).not.toBe(second.accessToken);
    expect(first.user.username).toBe("alice");
    expect(second.user).toEqual({ uid: first.user.uid });
    expect((await emu.call("GET", "/v2/me", { authorization: `Bearer ${first.accessToken}` })).status).toBe(200);
    piError(await emu.call("POST", "/wallet/consents", { body: { app, uid: "gone", scopes: [] } }), 404, "user_not_found");
    piError(await emu.call("POST", "/wallet/consents", { body: { app, uid: first.user.uid, scopes: ["root"] } }), 400, "invalid_arguments");
  });

  it("signs in silently only for scopes the Pioneer already granted this app", async () => {
    const { uid } = await alice();
    const resume = (body: Record<string, unknown>) => emu.call("POST", "/wallet/sessions", { body: { app, uid, ...body } });
    piError(await resume({ scopes: ["username"] }), 403, "consent_required");
    await signIn(["username"]);
    await signIn(["payments"]);
    expect(sessionSchema.parse((await resume({ scopes: ["payments", "username"] })).body).user).toEqual({ uid, username: "alice" });
    piError(await resume({ scopes: ["wallet_address"] }), 403, "consent_required");
    piError(await resume({ app: "http://localhost:3001", scopes: [] }), 403, "consent_required");
    piError(await resume({ uid: "gone", scopes: [] }), 404, "user_not_found");
  });

  it.each(["", "null", "localhost:3000", "http://localhost:3000/", "http://localhost:3000/shop", "ftp://localhost", "HTTP://LOCALHOST:3000", 42])(
    "refuses %j as the app's origin",
    async (bad) => {
      piError(await emu.call("POST", "/wallet/consents", { body: { app: bad, uid: (await alice()).uid, scopes: [] } }), 400, "invalid_arguments");
    },
  );

  it("creates, polls, confirms and reports incomplete payments as the Pioneer", async () => {
    const { accessToken } = await signIn();
    const auth = `Bearer ${accessToken}`;
    const created = payment(await emu.call("POST", "/v2/payments/user_to_app", { authorization: auth, body: { amount: 2, memo: "m", metadata: { a: 1 } } }));
    expect((await emu.call("GET", "/v2/payments/incomplete", { authorization: auth })).body).toEqual({ exists: false, payment: null });
    await emu.server("POST", `/v2/payments/${created.identifier}/approve`);
    const signed = payment(await emu.call("POST", `/wallet/payments/${created.identifier}/transaction`, { authorization: auth }));
    expect(payment(await emu.call("GET", `/wallet/payments/${created.identifier}`, { authorization: auth }))).toEqual(signed);
    expect((await emu.call("GET", "/v2/payments/incomplete", { authorization: auth })).body).toEqual({ exists: true, payment: signed });
    const blocked = await emu.call("POST", "/v2/payments/user_to_app", { authorization: auth, body: { amount: 1, memo: "m", metadata: {} } });
    expect(piError(blocked, 400, "ongoing_payment_found").payment).toEqual(signed);
  });

  it("user-cancels, hides other Pioneers' payments, and needs the payments scope and a token", async () => {
    const { accessToken } = await signIn();
    const auth = `Bearer ${accessToken}`;
    const created = payment(await emu.call("POST", "/v2/payments/user_to_app", { authorization: auth, body: { amount: 2, memo: "m", metadata: {} } }));
    const bob = await emu.newUser("bob");
    piError(await emu.call("GET", `/wallet/payments/${created.identifier}`, { authorization: `Bearer ${bob.accessToken}` }), 404, "payment_not_found");
    const cancelled = payment(await emu.call("POST", `/wallet/payments/${created.identifier}/user-cancel`, { authorization: auth }));
    expect(cancelled.status).toMatchObject({ cancelled: true, user_cancelled: true });

    const noPayments = await signIn(["username"]);
    const reply = await emu.call("POST", "/v2/payments/user_to_app", { authorization: `Bearer ${noPayments.accessToken}`, body: { amount: 1, memo: "m", metadata: {} } });
    piError(reply, 401, "missing_scope");
    piError(await emu.call("GET", "/v2/payments/incomplete"), 401, "unauthorized");
  });

  it("records rewarded ads the app can verify with its key", async () => {
    const { accessToken } = await signIn();
    const ad = z.object({ adId: z.string() }).parse((await emu.call("POST", "/wallet/rewarded-ads", { authorization: `Bearer ${accessToken}` })).body);
    const status = await emu.server("GET", `/v2/ads_network/status/${ad.adId}`);
    expect(status.body).toEqual({ identifier: ad.adId, mediator_ack_status: "granted", mediator_granted_at: expect.stringMatching(ISO_MS) as unknown, mediator_revoked_at: null });
    piError(await emu.server("GET", "/v2/ads_network/status/unknown"), 404, "not_found");
  });
});
