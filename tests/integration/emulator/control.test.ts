// @vitest-environment node
// The test-only control API: Pioneers, payments as the SDK makes them, expiry, faults and the call log.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { payment, piError, startTestEmulator, userSchema, type EmulatorClient } from "./helpers";

const callsSchema = z.object({ calls: z.array(z.object({ method: z.string(), path: z.string(), at: z.iso.datetime() })) });
const usersSchema = z.object({ users: z.array(z.object({ uid: z.string(), username: z.string(), walletAddress: z.string() })) });

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

async function calls() {
  return callsSchema.parse((await emu.control("GET", "/calls")).body).calls.map(({ method, path }) => `${method} ${path}`);
}

describe("Pioneers", () => {
  it("starts with alice and bob and recreates them (new uids) on reset", async () => {
    const before = usersSchema.parse((await emu.control("GET", "/users")).body).users;
    expect(before.map((u) => u.username)).toEqual(["alice", "bob"]);
    await emu.control("POST", "/users", { username: "carol" });
    await emu.control("POST", "/reset");
    const after = usersSchema.parse((await emu.control("GET", "/users")).body).users;
    expect(after.map((u) => u.username)).toEqual(["alice", "bob"]);
    expect(after[0]?.uid).not.toBe(before[0]?.uid);
  });

  it("creates Pioneers, or hands out a fresh token for an existing username", async () => {
    const generated = await emu.newUser();
    expect(generated.username).toMatch(/^pioneer\d+$/);
    const a1 = await emu.newUser("alice");
    const a2 = await emu.newUser("alice");
    expect(a2.uid).toBe(a1.uid);
    expect(a2.accessToken).not.toBe(a1.accessToken);
    piError(await emu.control("POST", "/users", { username: "no spaces" }), 400, "invalid_arguments");
    piError(await emu.control("POST", "/users", { scopes: ["root"] }), 400, "invalid_arguments");
  });
});

describe("consents", () => {
  const consentsSchema = z.object({
    consents: z.array(z.strictObject({ app: z.string(), uid: z.string(), username: z.string(), scopes: z.array(z.string()), grantedAt: z.iso.datetime() })),
  });
  const shop = "http://localhost:3000";
  const blog = "https://blog.example";

  async function consent(app: string, username: string, scopes: string[]) {
    const { uid } = await emu.newUser(username);
    expect((await emu.call("POST", "/wallet/consents", { body: { app, uid, scopes } })).status).toBe(200);
    return uid;
  }
  const listed = async () => consentsSchema.parse((await emu.control("GET", "/consents")).body).consents;
  const resume = (app: string, uid: string) => emu.call("POST", "/wallet/sessions", { body: { app, uid, scopes: ["username"] } });

  it("lists what each Pioneer granted each app, scopes merged across consents", async () => {
    const alice = await consent(shop, "alice", ["username"]);
    await consent(shop, "alice", ["payments", "username"]);
    const bob = await consent(blog, "bob", []);
    expect(await listed()).toEqual([
      { app: shop, uid: alice, username: "alice", scopes: ["username", "payments"], grantedAt: expect.any(String) as unknown },
      { app: blog, uid: bob, username: "bob", scopes: [], grantedAt: expect.any(String) as unknown },
    ]);
  });

  it("revokes by app, by Pioneer, by both or all, so the consent sheet shows again", async () => {
    const alice = await consent(shop, "alice", ["username"]);
    await consent(blog, "alice", ["username"]);
    const bob = await consent(shop, "bob", ["username"]);
    await consent(blog, "bob", ["username"]);
    expect((await emu.control("DELETE", "/consents", { app: shop, uid: alice })).body).toEqual({ revoked: 1 });
    piError(await resume(shop, alice), 403, "consent_required");
    expect((await resume(shop, bob)).status).toBe(200);
    expect((await emu.control("DELETE", "/consents", { uid: bob })).body).toEqual({ revoked: 2 });
    expect((await emu.control("DELETE", "/consents", { app: blog })).body).toEqual({ revoked: 1 });
    expect(await listed()).toEqual([]);
    await consent(shop, "alice", []);
    expect((await emu.control("DELETE", "/consents")).body).toEqual({ revoked: 1 });
  });

  it("validates revocations and forgets every consent on reset", async () => {
    piError(await emu.control("DELETE", "/consents", { app: "http://localhost:3000/shop" }), 400, "invalid_arguments");
    piError(await emu.control("DELETE", "/consents", { uid: "" }), 400, "invalid_arguments");
    piError(await emu.control("DELETE", "/consents", ["all"]), 400, "invalid_arguments");
    await consent(shop, "alice", ["username"]);
    await emu.control("POST", "/reset");
    expect(await listed()).toEqual([]);
  });
});

describe("payments", () => {
  it("creates, reads, submits, user-cancels and lists payments", async () => {
    const alice = await emu.newUser("alice");
    const p = await emu.newPayment(alice.accessToken);
    expect(payment(await emu.control("GET", `/payments/${p.identifier}`))).toEqual(p);
    piError(await emu.control("POST", `/payments/${p.identifier}/transaction`), 400, "not_approved_payment");
    const cancelled = payment(await emu.control("POST", `/payments/${p.identifier}/user-cancel`));
    expect(cancelled.status).toMatchObject({ cancelled: true, user_cancelled: true });
    piError(await emu.control("POST", `/payments/${p.identifier}/transaction`), 400, "cancelled_payment");

    const q = await emu.newPayment(alice.accessToken);
    await emu.server("POST", `/v2/payments/${q.identifier}/approve`);
    const signed = payment(await emu.control("POST", `/payments/${q.identifier}/transaction`));
    piError(await emu.control("POST", `/payments/${q.identifier}/transaction`), 400, "verification_failed");
    piError(await emu.control("POST", `/payments/${q.identifier}/user-cancel`), 400, "payment_tx_present");
    const all = z.object({ payments: z.array(z.unknown()) }).parse((await emu.control("GET", "/payments")).body);
    expect(all.payments).toEqual([cancelled, signed]);
    piError(await emu.control("GET", "/payments/nope"), 404, "payment_not_found");
    piError(await emu.control("POST", "/payments", { accessToken: "nope", amount: 1 }), 401, "unauthorized");
    piError(await emu.control("POST", "/payments", { accessToken: alice.accessToken, amount: "1" }), 400, "invalid_arguments");
  });

  it("expires an unapproved payment on request, but not an approved one", async () => {
    const alice = await emu.newUser("alice");
    const p = await emu.newPayment(alice.accessToken);
    const expired = payment(await emu.control("POST", `/payments/${p.identifier}/expire`));
    expect(expired.status).toMatchObject({ cancelled: true, user_cancelled: false, developer_approved: false });
    piError(await emu.server("POST", `/v2/payments/${p.identifier}/approve`), 400, "cancelled_payment");
    const q = await emu.newPayment(alice.accessToken);
    await emu.server("POST", `/v2/payments/${q.identifier}/approve`);
    piError(await emu.control("POST", `/payments/${q.identifier}/expire`), 400, "invalid_arguments");
  });
});

describe("the incomplete-payment rule", () => {
  it("reports an approved payment without a transaction to the SDK, and blocks a new one, only while switched on until a reset", async () => {
    const alice = await emu.newUser("alice");
    const p = await emu.newPayment(alice.accessToken);
    await emu.server("POST", `/v2/payments/${p.identifier}/approve`);
    const incomplete = async () => (await emu.call("GET", "/v2/payments/incomplete", { authorization: `Bearer ${alice.accessToken}` })).body as { exists: boolean };
    expect(await incomplete()).toMatchObject({ exists: false });

    expect((await emu.control("POST", "/incomplete", { approvedWithoutTransaction: true })).body).toEqual({ approvedWithoutTransaction: true });
    expect(await incomplete()).toMatchObject({ exists: true, payment: { identifier: p.identifier } });
    piError(await emu.control("POST", "/payments", { accessToken: alice.accessToken, amount: 1, memo: "Another", metadata: {} }), 400, "ongoing_payment_found");
    piError(await emu.control("POST", "/incomplete", { approvedWithoutTransaction: "yes" }), 400, "invalid_arguments");

    await emu.control("POST", "/reset");
    expect((await emu.control("GET", "/incomplete")).body).toEqual({ approvedWithoutTransaction: false });
  });
});

describe("approval expiry", () => {
  it("cancels unapproved payments once approvalExpiryMs has passed, evaluated on read", async () => {
    // The emulator's clock is Date.now(): frozen here, then moved past the expiry.
    vi.useFakeTimers({ toFake: ["Date"] });
    const quick = await startTestEmulator({ approvalExpiryMs: 60_000 });
    try {
      const alice = await quick.newUser("alice");
      const unapproved = await quick.newPayment(alice.accessToken);
      const bob = await quick.newUser("bob");
      const approved = await quick.newPayment(bob.accessToken);
      await quick.server("POST", `/v2/payments/${approved.identifier}/approve`);
      vi.setSystemTime(Date.now() + 59_999);
      expect(payment(await quick.server("GET", `/v2/payments/${unapproved.identifier}`)).status.cancelled).toBe(false);
      vi.setSystemTime(Date.now() + 2);
      expect(payment(await quick.server("GET", `/v2/payments/${unapproved.identifier}`)).status.cancelled).toBe(true);
      expect(payment(await quick.server("GET", `/v2/payments/${approved.identifier}`)).status.cancelled).toBe(false);
      piError(await quick.server("POST", `/v2/payments/${unapproved.identifier}/approve`), 400, "cancelled_payment");
    } finally {
      vi.useRealTimers();
      await quick.emulator.stop();
    }
  });
});

describe("call log", () => {
  it("records the app's Platform API calls only, without query strings, and clears", async () => {
    const alice = await emu.newUser("alice");
    const p = await emu.newPayment(alice.accessToken);
    await emu.call("GET", "/v2/me?x=1", { authorization: `Bearer ${alice.accessToken}` });
    await emu.server("GET", `/v2/payments/${p.identifier}`);
    await emu.server("POST", `/v2/payments/${p.identifier}/approve`);
    await emu.call("GET", "/v2/payments/incomplete", { authorization: `Bearer ${alice.accessToken}` });
    await emu.call("POST", "/v2/payments/user_to_app", { authorization: `Bearer ${alice.accessToken}`, body: { amount: 1, memo: "m", metadata: {} } });
    await emu.call("GET", "/wallet/config");
    await emu.call("OPTIONS", "/v2/me");
    expect(await calls()).toEqual(["GET /v2/me", `GET /v2/payments/${p.identifier}`, `POST /v2/payments/${p.identifier}/approve`]);
    await emu.control("DELETE", "/calls");
    expect(await calls()).toEqual([]);
  });
});

describe("faults", () => {
  async function setup() {
    const alice = await emu.newUser("alice");
    return emu.newPayment(alice.accessToken);
  }

  it("error: answers the status without applying, for `times` matching calls (wildcards per segment)", async () => {
    const p = await setup();
    const added = await emu.control("POST", "/faults", { method: "post", path: "/v2/payments/*/approve", mode: "error", status: 503, times: 2 });
    expect(added.status).toBe(201);
    piError(await emu.server("POST", `/v2/payments/${p.identifier}/approve`), 503, "unknown_error");
    piError(await emu.server("POST", `/v2/payments/${p.identifier}/approve`), 503, "unknown_error");
    expect(payment(await emu.server("GET", `/v2/payments/${p.identifier}`)).status.developer_approved).toBe(false);
    expect(payment(await emu.server("POST", `/v2/payments/${p.identifier}/approve`)).status.developer_approved).toBe(true);
    expect(await calls()).toHaveLength(4);
  });

  it("error: can carry a Pi error code, and defaults to 500", async () => {
    const p = await setup();
    await emu.control("POST", "/faults", { method: "GET", path: `/v2/payments/${p.identifier}`, mode: "error", status: 400, error: "already_completed" });
    piError(await emu.server("GET", `/v2/payments/${p.identifier}`), 400, "already_completed");
    await emu.control("POST", "/faults", { method: "*", path: "/v2/me", mode: "error" });
    piError(await emu.call("GET", "/v2/me"), 500, "unknown_error");
  });

  it("delay: waits, then handles the call normally", async () => {
    const p = await setup();
    await emu.control("POST", "/faults", { method: "POST", path: "/v2/payments/*/approve", mode: "delay", ms: 150 });
    const started = Date.now();
    expect(payment(await emu.server("POST", `/v2/payments/${p.identifier}/approve`)).status.developer_approved).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("drop-response: applies the change, then closes the socket without answering", async () => {
    const p = await setup();
    await emu.control("POST", "/faults", { method: "POST", path: "/v2/payments/*/approve", mode: "drop-response" });
    await expect(emu.server("POST", `/v2/payments/${p.identifier}/approve`)).rejects.toThrow();
    expect(payment(await emu.server("GET", `/v2/payments/${p.identifier}`)).status.developer_approved).toBe(true);
  });

  it("hang-after-apply: applies the change at once, then holds the answer for `ms`", async () => {
    const p = await setup();
    await emu.control("POST", "/faults", { method: "POST", path: "/v2/payments/*/approve", mode: "hang-after-apply", ms: 3000 });
    const started = Date.now();
    let answeredAt: number | undefined;
    const answer = emu.server("POST", `/v2/payments/${p.identifier}/approve`).then((reply) => ((answeredAt = Date.now()), reply));
    await expect.poll(async () => payment(await emu.control("GET", `/payments/${p.identifier}`)).status.developer_approved, { interval: 20 }).toBe(true);
    expect(answeredAt, "Pi applied the approval but has not answered yet").toBeUndefined();
    expect(payment(await answer).status.developer_approved).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2990);
  });

  it("hang-after-apply without ms: holds the answer until the caller hangs up", async () => {
    const p = await setup();
    await emu.control("POST", "/faults", { method: "POST", path: "/v2/payments/*/approve", mode: "hang-after-apply" });
    const caller = new AbortController();
    const held = fetch(`${emu.emulator.url}/v2/payments/${p.identifier}/approve`, { method: "POST", headers: { Authorization: `Key ${emu.emulator.apiKey}` }, signal: caller.signal });
    await expect.poll(async () => payment(await emu.control("GET", `/payments/${p.identifier}`)).status.developer_approved, { interval: 20 }).toBe(true);
    const outcome = await Promise.race([held.then(() => "answered", () => "failed"), new Promise((resolve) => setTimeout(() => resolve("still held"), 500))]);
    expect(outcome).toBe("still held");
    caller.abort();
    await expect(held).rejects.toThrow();
    // Only one call was held: the next one is answered at once.
    expect(payment(await emu.server("GET", `/v2/payments/${p.identifier}`)).status.developer_approved).toBe(true);
  });

  it("lists, clears, validates, and never applies to other routes", async () => {
    const p = await setup();
    await emu.control("POST", "/faults", { method: "GET", path: "/v2/payments/*", mode: "error" });
    const listed = z.object({ faults: z.array(z.object({ path: z.string(), remaining: z.number() })) }).parse((await emu.control("GET", "/faults")).body);
    expect(listed.faults).toEqual([expect.objectContaining({ remaining: 1, path: "/v2/payments/*" })]);
    payment(await emu.control("GET", `/payments/${p.identifier}`));
    await emu.control("DELETE", "/faults");
    payment(await emu.server("GET", `/v2/payments/${p.identifier}`));
    piError(await emu.control("POST", "/faults", { method: "GET", path: "/control/calls", mode: "error" }), 400, "invalid_arguments");
    piError(await emu.control("POST", "/faults", { method: "GET", path: "/v2/me", mode: "delay" }), 400, "invalid_arguments");
    piError(await emu.control("POST", "/faults", { method: "GET", path: "/v2/me", mode: "explode" }), 400, "invalid_arguments");
  });

  it("are cleared by reset", async () => {
    await emu.control("POST", "/faults", { method: "GET", path: "/v2/me", mode: "error" });
    await emu.control("POST", "/reset");
    const alice = userSchema.parse((await emu.control("POST", "/users", { username: "alice" })).body);
    expect((await emu.call("GET", "/v2/me", { authorization: `Bearer ${alice.accessToken}` })).status).toBe(200);
  });
});
