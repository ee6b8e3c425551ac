// @vitest-environment node
// The emulator's Horizon through the real @stellar/stellar-sdk client: reads, submissions, and every refusal.
import { Keypair, type Horizon } from "@stellar/stellar-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type EmulatorClient } from "./helpers";
import { appWallet, balanceOf, fundedAccount, hashOf, horizonOf, payment, postEnvelope, refusal, resultCodes } from "./horizon-helpers";

let emu: EmulatorClient;
let horizon: Horizon.Server;
let app: Keypair;
let alice: string;

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
  const users = (await emu.control("GET", "/users")).body as { users: { walletAddress: string }[] };
  alice = users.users[0]?.walletAddress ?? "";
});

describe("reading the chain", () => {
  it("names the emulator's network and charges Pi's 0.01 π fee", async () => {
    expect(await horizon.root()).toMatchObject({ network_passphrase: "Pi Testnet" });
    expect(await horizon.fetchBaseFee()).toBe(100_000);
    expect(await horizon.feeStats()).toMatchObject({ last_ledger_base_fee: "100000", fee_charged: { p50: "100000" } });
  });

  it("serves the funded app wallet and a wallet for every Pioneer, with sequence numbers past 2^53", async () => {
    const account = await horizon.loadAccount(app.publicKey());
    expect(account.balances).toEqual([expect.objectContaining({ asset_type: "native", balance: "1000000.0000000" })]);
    expect(BigInt(account.sequenceNumber())).toBeGreaterThan(2n ** 53n);
    expect((await horizon.loadAccount(alice)).balances[0]?.balance).toBe("100.0000000");
  });

  it("answers Horizon's problems for missing accounts and transactions, and for malformed ids", async () => {
    const missing = await refusal(horizon.loadAccount(Keypair.random().publicKey()));
    expect(missing).toEqual({ status: 404, problem: expect.objectContaining({ type: "https://stellar.org/horizon-errors/not_found", title: "Resource Missing", status: 404 }) as unknown });
    expect((await refusal(horizon.transactions().transaction("ab".repeat(32)).call())).status).toBe(404);
    const badId = await fetch(`${emu.emulator.url}/horizon/accounts/nope`);
    expect(badId.status).toBe(400);
    expect(badId.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
  });
});

describe("submitting a payment", () => {
  it("applies it: balances move, the fee is charged, the sequence is used, and the record matches the hash", async () => {
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "3.14", memo: "order-1" });
    const answer = await horizon.submitTransaction(tx);
    expect(answer).toMatchObject({ hash: hashOf(tx), successful: true, ledger: expect.any(Number) as unknown });
    expect(answer.envelope_xdr).toBe(tx.toEnvelope().toXDR("base64"));
    expect(typeof answer.result_xdr).toBe("string");
    expect(await balanceOf(emu, alice)).toBe("103.1400000");
    expect(await balanceOf(emu, app.publicKey())).toBe("999996.8500000");
    expect((await horizon.loadAccount(app.publicKey())).sequenceNumber()).toBe(tx.sequence);

    const record = await horizon.transactions().transaction(hashOf(tx)).call();
    expect(record).toMatchObject({ hash: hashOf(tx), successful: true, memo: "order-1", memo_type: "text", source_account: app.publicKey(), fee_charged: "100000" });
    expect(record.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(record.envelope_xdr).toBe(answer.envelope_xdr);
  });

  it("lists an account's transactions newest first, so a payment is found by its memo", async () => {
    for (const memo of ["first", "second", "third"]) {
      await horizon.submitTransaction(payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", memo }));
    }
    const page = await horizon.transactions().forAccount(alice).order("desc").limit(2).call();
    expect(page.records.map((r) => r.memo)).toEqual(["third", "second"]);
    expect((await page.next()).records.map((r) => r.memo)).toEqual(["first"]);
    const ascending = await horizon.transactions().forAccount(app.publicKey()).call();
    expect(ascending.records.map((r) => r.memo)).toEqual(["first", "second", "third"]);
  });

  it("answers a resubmitted envelope with its recorded result and never applies it twice", async () => {
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "5", memo: "once" });
    const first = await horizon.submitTransaction(tx);
    const again = await horizon.submitTransaction(tx);
    expect(again).toMatchObject({ hash: first.hash, ledger: first.ledger, successful: true });
    expect(await balanceOf(emu, alice)).toBe("105.0000000");
  });
});

describe("refusals before the ledger (nothing charged, sequence unchanged)", () => {
  async function expectUntouched(run: () => Promise<unknown>) {
    const before = await horizon.loadAccount(app.publicKey());
    await run();
    const after = await horizon.loadAccount(app.publicKey());
    expect([after.sequenceNumber(), after.balances[0]?.balance]).toEqual([before.sequenceNumber(), before.balances[0]?.balance]);
  }

  it.each([
    ["a stale sequence number", "tx_bad_seq", async () => {
      const stale = await horizon.loadAccount(app.publicKey());
      await horizon.submitTransaction(payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1" }));
      // Another amount: the very same envelope would be a resubmission, answered with its recorded success.
      return payment(stale, app, { to: alice, amount: "2" });
    }],
    ["a signature by another key", "tx_bad_auth", async () => payment(await horizon.loadAccount(app.publicKey()), Keypair.random(), { to: alice, amount: "1" })],
    ["a signature for another network", "tx_bad_auth", async () => payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", passphrase: "Pi Network" })],
    ["expired time bounds", "tx_too_late", async () => {
      const now = Math.floor(Date.now() / 1000);
      return payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", timebounds: { minTime: 0, maxTime: now - 5 } });
    }],
    ["time bounds that start later", "tx_too_early", async () => {
      const now = Math.floor(Date.now() / 1000);
      return payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", timebounds: { minTime: now + 600, maxTime: now + 900 } });
    }],
    ["Stellar's 100-stroop fee instead of Pi's", "tx_insufficient_fee", async () => payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", fee: "100" })],
  ])("refuses %s with %s", async (_name, code, build) => {
    const tx = await build();
    await expectUntouched(async () => expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: code }));
    expect((await refusal(horizon.transactions().transaction(hashOf(tx)).call())).status).toBe(404);
  });

  it("refuses an extra signature, a missing source account, and a fee the source cannot pay", async () => {
    const extra = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1" });
    extra.sign(Keypair.random());
    expect(await resultCodes(horizon.submitTransaction(extra))).toEqual({ transaction: "tx_bad_auth_extra" });

    const ghost = await fundedAccount(emu, "10");
    const ghostAccount = await horizon.loadAccount(ghost.publicKey());
    await emu.control("DELETE", `/horizon/accounts/${ghost.publicKey()}`);
    expect(await resultCodes(horizon.submitTransaction(payment(ghostAccount, ghost, { to: alice, amount: "1" })))).toEqual({ transaction: "tx_no_source_account" });

    const poor = await fundedAccount(emu, "1.005");
    expect(await resultCodes(horizon.submitTransaction(payment(await horizon.loadAccount(poor.publicKey()), poor, { to: alice, amount: "0.001" })))).toEqual({
      transaction: "tx_insufficient_balance",
    });
  });

  it("answers transaction_malformed for a text memo over 28 bytes, which no valid envelope can carry", async () => {
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", memo: "x".repeat(28) });
    const bytes = Buffer.from(tx.toEnvelope().toXDR("base64"), "base64");
    const memoAt = bytes.indexOf(Buffer.concat([Buffer.from([0, 0, 0, 1, 0, 0, 0, 28]), Buffer.from("x".repeat(28))]));
    expect(memoAt).toBeGreaterThan(0);
    // Length 29 and one more byte, padded to a multiple of 4 as XDR requires.
    const longer = Buffer.concat([bytes.subarray(0, memoAt), Buffer.from([0, 0, 0, 1, 0, 0, 0, 29]), Buffer.from("x".repeat(29)), Buffer.alloc(3), bytes.subarray(memoAt + 36)]);
    const reply = await postEnvelope(emu, longer.toString("base64"));
    expect(reply).toMatchObject({ status: 400, contentType: "application/problem+json; charset=utf-8", problem: { type: "https://stellar.org/horizon-errors/transaction_malformed" } });
  });

  it("accepts only form-encoded submissions, like Horizon", async () => {
    const res = await fetch(`${emu.emulator.url}/horizon/transactions`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect(res.status).toBe(415);
  });
});

describe("failures on the ledger (fee charged, sequence used, recorded as unsuccessful)", () => {
  it("fails with op_underfunded when the amount would dip into the 1 π reserve", async () => {
    const payer = await fundedAccount(emu, "2");
    const tx = payment(await horizon.loadAccount(payer.publicKey()), payer, { to: alice, amount: "1", memo: "too much" });
    expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: "tx_failed", operations: ["op_underfunded"] });
    expect(await balanceOf(emu, payer.publicKey())).toBe("1.9900000");
    expect(await balanceOf(emu, alice)).toBe("100.0000000");
    expect((await horizon.loadAccount(payer.publicKey())).sequenceNumber()).toBe(tx.sequence);
    expect(await horizon.transactions().transaction(hashOf(tx)).call()).toMatchObject({ successful: false, memo: "too much" });
    // Horizon answers the recorded failure again, and leaves failed transactions out of lists unless asked.
    expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: "tx_failed", operations: ["op_underfunded"] });
    expect((await horizon.transactions().forAccount(payer.publicKey()).call()).records).toEqual([]);
    expect((await horizon.transactions().forAccount(payer.publicKey()).includeFailed(true).call()).records).toHaveLength(1);
    // 0.98 π leaves exactly the reserve behind after the fee.
    await horizon.submitTransaction(payment(await horizon.loadAccount(payer.publicKey()), payer, { to: alice, amount: "0.98" }));
    expect(await balanceOf(emu, payer.publicKey())).toBe("1.0000000");
  });

  it("fails with op_no_destination when the Pioneer's wallet is not on the chain", async () => {
    await emu.control("DELETE", `/horizon/accounts/${alice}`);
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1" });
    expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: "tx_failed", operations: ["op_no_destination"] });
    expect(await balanceOf(emu, app.publicKey())).toBe("999999.9900000");
    expect((await refusal(horizon.loadAccount(alice))).status).toBe(404);
  });
});
