// @vitest-environment node
// The /v2 Platform API as an app server sees it: auth, DTO formats, every rule and error code.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ISO_MS, TXID, UUID, payment, piError, startTestEmulator, userSchema, type EmulatorClient } from "./helpers";

let emu: EmulatorClient;
let alice: { uid: string; accessToken: string };

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
  alice = await emu.newUser("alice");
});

/** Approve + the Pioneer signs: a payment whose transaction exists. */
async function signedPayment(accessToken = alice.accessToken) {
  const p = await emu.newPayment(accessToken);
  payment(await emu.server("POST", `/v2/payments/${p.identifier}/approve`));
  return payment(await emu.control("POST", `/payments/${p.identifier}/transaction`));
}

describe("GET /v2/me", () => {
  it("returns the UserDTO for a valid access token", async () => {
    const reply = await emu.call("GET", "/v2/me", { authorization: `Bearer ${alice.accessToken}` });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      uid: alice.uid,
      username: "alice",
      credentials: {
        scopes: ["username", "payments", "wallet_address"],
        valid_until: { timestamp: expect.any(Number) as unknown, iso8601: expect.stringMatching(ISO_MS) as unknown },
      },
    });
    expect(alice.uid).toMatch(UUID);
  });

  it("answers 401 with Pi's error body for unknown, tampered or missing tokens", async () => {
    piError(await emu.call("GET", "/v2/me", { authorization: "Bearer nope" }), 401, "unauthorized");
    piError(await emu.call("GET", "/v2/me", { authorization: `Bearer ${alice.accessToken}x` }), 401, "unauthorized");
    piError(await emu.call("GET", "/v2/me"), 401, "unauthorized");
  });

  it("omits the username without the username scope", async () => {
    const reply = await emu.control("POST", "/users", { username: "carol", scopes: ["payments"] });
    const { accessToken } = userSchema.parse(reply.body);
    const me = await emu.call("GET", "/v2/me", { authorization: `Bearer ${accessToken}` });
    expect(me.body).not.toHaveProperty("username");
  });
});

describe("server-key auth", () => {
  it("rejects a wrong or missing key with 401", async () => {
    const p = await emu.newPayment(alice.accessToken);
    piError(await emu.call("GET", `/v2/payments/${p.identifier}`), 401, "unauthorized");
    piError(await emu.call("GET", `/v2/payments/${p.identifier}`, { authorization: "Key wrong" }), 401, "unauthorized");
    piError(await emu.call("GET", `/v2/payments/${p.identifier}`, { authorization: `Bearer ${alice.accessToken}` }), 401, "unauthorized");
  });
});

describe("U2A payment lifecycle", () => {
  it("creates a well-formed, unflagged user_to_app payment", async () => {
    const p = await emu.newPayment(alice.accessToken, 3.14, { orderId: "o-1" });
    expect(p).toMatchObject({ user_uid: alice.uid, amount: 3.14, memo: "Test order", metadata: { orderId: "o-1" } });
    expect(p).toMatchObject({ direction: "user_to_app", network: "Pi Testnet", transaction: null });
    expect(Object.values(p.status).every((flag) => !flag)).toBe(true);
    expect(p.from_address).not.toBe(p.to_address);
    expect(payment(await emu.server("GET", `/v2/payments/${p.identifier}`))).toEqual(p);
  });

  it("approves, links the transaction, completes, and refuses a second complete", async () => {
    const p = await emu.newPayment(alice.accessToken);
    const approved = payment(await emu.server("POST", `/v2/payments/${p.identifier}/approve`));
    expect(approved.status.developer_approved).toBe(true);
    expect(payment(await emu.server("POST", `/v2/payments/${p.identifier}/approve`))).toEqual(approved);

    const signed = payment(await emu.control("POST", `/payments/${p.identifier}/transaction`));
    expect(signed.status.transaction_verified).toBe(true);
    const txid = signed.transaction?.txid ?? "";
    expect(txid).toMatch(TXID);
    expect(signed.transaction).toEqual({ txid, verified: true, _link: `https://api.testnet.minepi.com/transactions/${txid}` });

    const completed = payment(await emu.server("POST", `/v2/payments/${p.identifier}/complete`, { txid }));
    expect(completed.status).toEqual({
      developer_approved: true,
      transaction_verified: true,
      developer_completed: true,
      cancelled: false,
      user_cancelled: false,
    });
    piError(await emu.server("POST", `/v2/payments/${p.identifier}/complete`, { txid }), 400, "already_completed");
  });

  it("enforces the completion rules", async () => {
    const p = await emu.newPayment(alice.accessToken);
    const path = `/v2/payments/${p.identifier}/complete`;
    piError(await emu.server("POST", path), 400, "missing_txid");
    piError(await emu.server("POST", path, {}), 400, "missing_txid");
    piError(await emu.server("POST", path, { txid: "a".repeat(64) }), 400, "not_verified");
    await emu.server("POST", `/v2/payments/${p.identifier}/approve`);
    piError(await emu.server("POST", path, { txid: "a".repeat(64) }), 400, "not_verified");
    await emu.control("POST", `/payments/${p.identifier}/transaction`);
    piError(await emu.server("POST", path, { txid: "b".repeat(64) }), 400, "txid_mismatch");
    piError(await emu.call("POST", path, { rawBody: "{not json", authorization: `Key ${emu.emulator.apiKey}` }), 400, "invalid_arguments");
    piError(await emu.server("POST", path, { txid: 42 }), 400, "invalid_arguments");
  });

  it("cancels without a transaction, idempotently, and then refuses approve and complete", async () => {
    const p = await emu.newPayment(alice.accessToken);
    const cancelled = payment(await emu.server("POST", `/v2/payments/${p.identifier}/cancel`));
    expect(cancelled.status.cancelled).toBe(true);
    expect(cancelled.status.user_cancelled).toBe(false);
    expect(payment(await emu.server("POST", `/v2/payments/${p.identifier}/cancel`, {}))).toEqual(cancelled);
    piError(await emu.server("POST", `/v2/payments/${p.identifier}/approve`), 400, "cancelled_payment");
    piError(await emu.server("POST", `/v2/payments/${p.identifier}/complete`, { txid: "a".repeat(64) }), 400, "cancelled_payment");
  });

  it("refuses to cancel a payment with a transaction", async () => {
    const signed = await signedPayment();
    piError(await emu.server("POST", `/v2/payments/${signed.identifier}/cancel`), 400, "payment_tx_present");
  });

  it("answers 404 payment_not_found for unknown payments and 404 for unknown routes", async () => {
    for (const [method, path] of [
      ["GET", "/v2/payments/unknownunknownunknownunknown1"],
      ["POST", "/v2/payments/unknownunknownunknownunknown1/approve"],
      ["POST", "/v2/payments/unknownunknownunknownunknown1/cancel"],
    ] as const) {
      piError(await emu.server(method, path), 404, "payment_not_found");
    }
    expect((await emu.server("GET", "/v2/nothing")).status).toBe(404);
    expect((await emu.server("DELETE", "/v2/payments")).status).toBe(404);
  });
});

describe("one open payment per Pioneer", () => {
  it("a new payment cancels the open one without a transaction", async () => {
    const first = await emu.newPayment(alice.accessToken);
    await emu.server("POST", `/v2/payments/${first.identifier}/approve`);
    const second = await emu.newPayment(alice.accessToken);
    expect(payment(await emu.server("GET", `/v2/payments/${first.identifier}`)).status.cancelled).toBe(true);
    expect(second.status.cancelled).toBe(false);
  });

  it("an unfinished payment with a transaction blocks new ones with ongoing_payment_found", async () => {
    const signed = await signedPayment();
    const reply = await emu.control("POST", "/payments", { accessToken: alice.accessToken, amount: 1, memo: "m", metadata: {} });
    const body = piError(reply, 400, "ongoing_payment_found");
    expect(payment({ status: 200, headers: reply.headers, body: body.payment })).toEqual(signed);
    // Another Pioneer is not blocked.
    const bob = await emu.newUser("bob");
    await emu.newPayment(bob.accessToken);
  });
});

describe("A2U payments", () => {
  const create = (uid: string) => emu.server("POST", "/v2/payments", { payment: { amount: 1.5, memo: "Reward", metadata: { r: 1 }, uid } });

  it("creates approved app_to_user payments from the app wallet and lists them as incomplete", async () => {
    const a2u = payment(await create(alice.uid));
    expect(a2u).toMatchObject({ direction: "app_to_user", user_uid: alice.uid, amount: 1.5, transaction: null });
    expect(a2u.status.developer_approved).toBe(true);
    const u2a = await emu.newPayment(alice.accessToken);
    expect(a2u.from_address).toBe(u2a.to_address);
    expect(a2u.to_address).toBe(u2a.from_address);

    const list = await emu.server("GET", "/v2/payments/incomplete_server_payments");
    expect(list.body).toEqual({ incomplete_server_payments: [a2u] });

    // Completion checks the transaction on the emulator's chain (payouts.test.ts pays and completes for real).
    const unknown = piError(await emu.server("POST", `/v2/payments/${a2u.identifier}/complete`, { txid: "c".repeat(64) }), 400, "verification_failed");
    expect(unknown.verification_error).toBe("tx_not_found");
    expect(list.body).toEqual({ incomplete_server_payments: [payment(await emu.server("GET", `/v2/payments/${a2u.identifier}`))] });
  });

  it("refuses a second open A2U for the same Pioneer, and unknown uids or bad bodies", async () => {
    const first = payment(await create(alice.uid));
    const body = piError(await create(alice.uid), 400, "ongoing_payment_found");
    expect(body.payment).toEqual(first);
    piError(await create("00000000-0000-4000-8000-000000000000"), 404, "user_not_found");
    piError(await emu.server("POST", "/v2/payments", { payment: { amount: -1, memo: "x", metadata: {}, uid: alice.uid } }), 400, "invalid_arguments");
    piError(await emu.server("POST", "/v2/payments", { amount: 1 }), 400, "invalid_arguments");
    payment(await emu.server("POST", `/v2/payments/${first.identifier}/cancel`));
    payment(await create(alice.uid));
  });
});

describe("mainnet", () => {
  it("uses the mainnet network name and Horizon host", async () => {
    const main = await startTestEmulator({ network: "Pi Network", apiKey: "other-key" });
    try {
      const user = await main.newUser();
      const p = await main.newPayment(user.accessToken);
      expect(p.network).toBe("Pi Network");
      await main.server("POST", `/v2/payments/${p.identifier}/approve`);
      const signed = payment(await main.control("POST", `/payments/${p.identifier}/transaction`));
      expect(signed.transaction?._link).toMatch(/^https:\/\/api\.mainnet\.minepi\.com\/transactions\/[0-9a-f]{64}$/);
      expect(main.emulator.apiKey).toBe("other-key");
    } finally {
      await main.emulator.stop();
    }
  });
});
