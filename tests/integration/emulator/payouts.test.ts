// @vitest-environment node
// App-to-User payouts at the wire level: the Platform API for the payment, the emulator's Horizon (through the
// real @stellar/stellar-sdk) for the money, and Pi's quirk of showing no transaction until /complete.
import type { Horizon, Keypair } from "@stellar/stellar-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { TXID, payment as paymentDto, piError, startTestEmulator, type EmulatorClient, type PaymentDTO } from "./helpers";
import { appWallet, balanceOf, fundedAccount, hashOf, horizonOf, payment, refusal } from "./horizon-helpers";

let emu: EmulatorClient;
let horizon: Horizon.Server;
let app: Keypair;
let alice: { uid: string; accessToken: string };

beforeAll(async () => {
  emu = await startTestEmulator();
  horizon = horizonOf(emu);
  app = await appWallet(emu);
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
  alice = await emu.newUser("alice");
});

const createPayout = (uid: string, amount = 3.14) =>
  emu.server("POST", "/v2/payments", { payment: { amount, memo: "Refund for order o-1", metadata: { orderId: "o-1" }, uid } });
const getPayment = async (id: string) => paymentDto(await emu.server("GET", `/v2/payments/${id}`));
const complete = (id: string, txid: string) => emu.server("POST", `/v2/payments/${id}/complete`, { txid });
const incomplete = async () =>
  z.object({ incomplete_server_payments: z.array(z.object({ identifier: z.string() })) }).parse((await emu.server("GET", "/v2/payments/incomplete_server_payments")).body)
    .incomplete_server_payments.map((p) => p.identifier);

/** Signs and submits what the payout asks for; `change` alters one part to provoke a verification failure. */
async function pay(p: PaymentDTO, change: { to?: string; amount?: string; memo?: string; from?: Keypair } = {}) {
  const from = change.from ?? app;
  const tx = payment(await horizon.loadAccount(from.publicKey()), from, { to: change.to ?? p.to_address, amount: change.amount ?? String(p.amount), memo: change.memo ?? p.identifier });
  await horizon.submitTransaction(tx);
  return hashOf(tx);
}

describe("a payout end to end", () => {
  it("creates it approved, leaves `transaction` null while the money is on chain, and completes it against the chain", async () => {
    const created = paymentDto(await createPayout(alice.uid));
    const wallet = z.object({ publicKey: z.string() }).parse((await emu.control("GET", "/horizon/app-wallet")).body).publicKey;
    expect(created).toMatchObject({ direction: "app_to_user", from_address: wallet, amount: 3.14, transaction: null, status: { developer_approved: true } });
    expect(await balanceOf(emu, created.to_address)).toBe("100.0000000");
    expect(await incomplete()).toEqual([created.identifier]);

    const txid = await pay(created);
    expect(txid).toMatch(TXID);
    expect(await balanceOf(emu, created.to_address)).toBe("103.1400000");
    // Pi's quirk: paid on chain, yet Pi shows no transaction until the app completes. Never resubmit on that basis.
    const paid = await getPayment(created.identifier);
    expect(paid).toMatchObject({ transaction: null, status: { transaction_verified: false, developer_completed: false } });
    expect(await incomplete()).toEqual([created.identifier]);
    // What a careful app does instead: look for the identifier as a memo on the Pioneer's account.
    const records = (await horizon.transactions().forAccount(created.to_address).order("desc").limit(10).call()).records;
    expect(records.find((r) => r.memo === created.identifier)?.hash).toBe(txid);

    const completed = paymentDto(await complete(created.identifier, txid));
    expect(completed.status).toMatchObject({ developer_approved: true, transaction_verified: true, developer_completed: true });
    expect(completed.transaction).toEqual({ txid, verified: true, _link: `https://api.testnet.minepi.com/transactions/${txid}` });
    expect(await incomplete()).toEqual([]);
    piError(await complete(created.identifier, txid), 400, "already_completed");
  });

  it("recovers from a lost Horizon answer: the payment is found by its memo and completed once", async () => {
    const created = paymentDto(await createPayout(alice.uid, 1));
    await emu.control("POST", "/faults", { method: "POST", path: "/horizon/transactions", mode: "timeout-after-apply" });
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: created.to_address, amount: "1", memo: created.identifier });
    expect((await refusal(horizon.submitTransaction(tx))).status).toBe(504);
    expect((await getPayment(created.identifier)).transaction).toBeNull();
    expect((await horizon.transactions().transaction(hashOf(tx)).call()).successful).toBe(true);
    paymentDto(await complete(created.identifier, hashOf(tx)));
    expect(await balanceOf(emu, created.to_address)).toBe("101.0000000");
  });
});

describe("/complete verifies the transaction on chain", () => {
  it.each([
    ["an unknown txid", "tx_not_found", () => Promise.resolve("f".repeat(64))],
    ["another memo", "tx_memo_payment_identifier_mismatch", (p: PaymentDTO) => pay(p, { memo: "not-the-identifier" })],
    ["another amount", "tx_amount_mismatch", (p: PaymentDTO) => pay(p, { amount: "3.13" })],
    ["another recipient", "tx_to_address_mismatch", async (p: PaymentDTO) => pay(p, { to: (await fundedAccount(emu, "5")).publicKey() })],
    ["another payer", "tx_from_address_mismatch", async (p: PaymentDTO) => pay(p, { from: await fundedAccount(emu, "50") })],
    ["a failed transaction", "tx_not_successful", async (p: PaymentDTO) => {
      await emu.control("POST", "/faults", { method: "POST", path: "/horizon/transactions", mode: "reject", code: "op_underfunded" });
      const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: p.to_address, amount: String(p.amount), memo: p.identifier });
      await refusal(horizon.submitTransaction(tx));
      return hashOf(tx);
    }],
  ])("refuses %s with verification_failed / %s, and the payout stays open", async (_name, code, makeTx) => {
    const created = paymentDto(await createPayout(alice.uid));
    const body = piError(await complete(created.identifier, await makeTx(created)), 400, "verification_failed");
    expect(body.verification_error).toBe(code);
    expect(await getPayment(created.identifier)).toEqual(created);
    paymentDto(await complete(created.identifier, await pay(created)));
  });

  it("refuses a transaction already linked with another payout: payment_already_linked_with_a_tx", async () => {
    const first = paymentDto(await createPayout(alice.uid));
    const txid = await pay(first);
    paymentDto(await complete(first.identifier, txid));
    const bob = await emu.newUser("bob");
    const second = paymentDto(await createPayout(bob.uid));
    expect(piError(await complete(second.identifier, txid), 400, "verification_failed").verification_error).toBe("payment_already_linked_with_a_tx");
  });

  it("still needs a txid, and refuses a cancelled payout", async () => {
    const created = paymentDto(await createPayout(alice.uid));
    piError(await emu.server("POST", `/v2/payments/${created.identifier}/complete`, {}), 400, "missing_txid");
    const txid = await pay(created);
    // Pi cannot see the transaction before /complete, so it lets the app cancel a payout that is already paid.
    expect(paymentDto(await emu.server("POST", `/v2/payments/${created.identifier}/cancel`)).status.cancelled).toBe(true);
    piError(await complete(created.identifier, txid), 400, "cancelled_payment");
  });
});

describe("creating payouts", () => {
  it("needs the Pioneer's wallet_address consent: missing_scope until a token carries it", async () => {
    const carol = await emu.control("POST", "/users", { username: "carol", scopes: ["username", "payments"] });
    const { uid } = z.object({ uid: z.string() }).parse(carol.body);
    piError(await createPayout(uid), 401, "missing_scope");
    await emu.control("POST", "/users", { username: "carol", scopes: ["username", "wallet_address"] });
    expect(paymentDto(await createPayout(uid)).user_uid).toBe(uid);
  });

  it("allows one open payout per Pioneer (ongoing_payment_found carries it), and another once it is completed", async () => {
    const first = paymentDto(await createPayout(alice.uid));
    expect(piError(await createPayout(alice.uid), 400, "ongoing_payment_found").payment).toEqual(first);
    paymentDto(await complete(first.identifier, await pay(first)));
    paymentDto(await createPayout(alice.uid));
  });

  it("answers feature_not_available while payouts are switched off, until switched on or reset", async () => {
    expect((await emu.control("POST", "/payouts", { available: false })).body).toEqual({ available: false });
    piError(await createPayout(alice.uid), 403, "feature_not_available");
    expect((await emu.control("GET", "/payouts")).body).toEqual({ available: false });
    await emu.control("POST", "/payouts", { available: true });
    paymentDto(await createPayout(alice.uid));
    await emu.control("POST", "/payouts", { available: false });
    await emu.control("POST", "/reset");
    expect((await emu.control("GET", "/payouts")).body).toEqual({ available: true });
    piError(await emu.control("POST", "/payouts", { available: "no" }), 400, "invalid_arguments");
  });
});
