// @vitest-environment node
// Pi's own Node SDK (npm pi-backend) against the emulator: it must get what api.minepi.com returns.
// submitPayment is skipped: it signs and submits to Pi's Horizon (a fixed host), which is off limits in tests;
// payouts are paid through the emulator's own Horizon with @stellar/stellar-sdk instead.
import PiNetwork from "pi-backend";
import { Keypair } from "stellar-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { paymentDtoSchema, payment, startTestEmulator, type EmulatorClient } from "./helpers";
import { appWallet, hashOf, horizonOf, payment as signedPayment } from "./horizon-helpers";

let emu: EmulatorClient;
let pi: PiNetwork;

beforeAll(async () => {
  emu = await startTestEmulator();
  // pi-backend validates the seed's format; a throwaway seed is generated per run, never committed.
  // Its baseUrl is the origin: it appends /v2 itself.
  pi = new PiNetwork(emu.emulator.apiKey, Keypair.random().secret(), { baseUrl: emu.emulator.url });
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
});

/** pi-backend rejects with axios errors; the status and Pi's error body sit on `response`. */
const axiosErrorSchema = z.object({
  response: z.object({ status: z.number(), data: z.object({ error: z.string(), error_message: z.string() }) }),
});

async function piErrorOf(promise: Promise<unknown>): Promise<{ status: number; error: string }> {
  try {
    await promise;
  } catch (error) {
    const { response } = axiosErrorSchema.parse(error);
    return { status: response.status, error: response.data.error };
  }
  throw new Error("expected the call to fail");
}

describe("pi-backend against the emulator", () => {
  it("getPayment returns the PaymentDTO of a U2A payment", async () => {
    const alice = await emu.newUser("alice");
    const created = await emu.newPayment(alice.accessToken);
    const fetched = await pi.getPayment(created.identifier);
    expect(paymentDtoSchema.parse(fetched)).toEqual(created);
    expect(await piErrorOf(pi.getPayment("unknownunknownunknownunknown1"))).toEqual({ status: 404, error: "payment_not_found" });
  });

  it("completePayment completes a signed U2A payment and reports Pi's errors", async () => {
    const alice = await emu.newUser("alice");
    const created = await emu.newPayment(alice.accessToken);
    expect(await piErrorOf(pi.completePayment(created.identifier, "a".repeat(64)))).toEqual({ status: 400, error: "not_verified" });
    // pi-backend has no approve call; an app sends it itself.
    payment(await emu.server("POST", `/v2/payments/${created.identifier}/approve`));
    const signed = payment(await emu.control("POST", `/payments/${created.identifier}/transaction`));
    const txid = signed.transaction?.txid ?? "";
    expect(await piErrorOf(pi.completePayment(created.identifier, "b".repeat(64)))).toEqual({ status: 400, error: "txid_mismatch" });
    const completed = paymentDtoSchema.parse(await pi.completePayment(created.identifier, txid));
    expect(completed.status.developer_completed).toBe(true);
    expect(await piErrorOf(pi.completePayment(created.identifier, txid))).toEqual({ status: 400, error: "already_completed" });
  });

  it("cancelPayment (a POST without a body) cancels", async () => {
    const alice = await emu.newUser("alice");
    const created = await emu.newPayment(alice.accessToken);
    const cancelled = paymentDtoSchema.parse(await pi.cancelPayment(created.identifier));
    expect(cancelled.status.cancelled).toBe(true);
  });

  it("createPayment (A2U) returns the identifier; getIncompleteServerPayments returns Pi's wrapper object", async () => {
    const alice = await emu.newUser("alice");
    const identifier = await pi.createPayment({ amount: 1, memo: "Reward", metadata: { kind: "bonus" }, uid: alice.uid });
    expect(identifier).toMatch(/^[A-Za-z0-9]{28}$/);
    // Quirk kept on purpose: the type says PaymentDTO[], the real API (and so pi-backend) returns the wrapper.
    const incomplete: unknown = await pi.getIncompleteServerPayments();
    const wrapper = z.object({ incomplete_server_payments: z.array(paymentDtoSchema) }).parse(incomplete);
    expect(wrapper.incomplete_server_payments.map((p) => p.identifier)).toEqual([identifier]);
    expect(wrapper.incomplete_server_payments[0]).toMatchObject({ direction: "app_to_user", user_uid: alice.uid, status: { developer_approved: true } });
    expect(await piErrorOf(pi.createPayment({ amount: 1, memo: "Again", metadata: {}, uid: alice.uid }))).toEqual({ status: 400, error: "ongoing_payment_found" });
    const { to_address, amount } = paymentDtoSchema.parse(await pi.getPayment(identifier));
    const horizon = horizonOf(emu);
    const app = await appWallet(emu);
    const tx = signedPayment(await horizon.loadAccount(app.publicKey()), app, { to: to_address, amount: String(amount), memo: identifier });
    await horizon.submitTransaction(tx);
    const completed = paymentDtoSchema.parse(await pi.completePayment(identifier, hashOf(tx)));
    expect(completed.transaction?.txid).toBe(hashOf(tx));
  });

  it("sends the server key, which the emulator checks", async () => {
    const wrongKey = new PiNetwork("wrong-key", Keypair.random().secret(), { baseUrl: emu.emulator.url });
    expect(await piErrorOf(wrongKey.getPayment("unknownunknownunknownunknown1"))).toEqual({ status: 401, error: "unauthorized" });
    const calls = z.object({ calls: z.array(z.object({ method: z.string(), path: z.string() })) }).parse((await emu.control("GET", "/calls")).body);
    expect(calls.calls).toEqual([expect.objectContaining({ method: "GET", path: "/v2/payments/unknownunknownunknownunknown1" })]);
  });
});
