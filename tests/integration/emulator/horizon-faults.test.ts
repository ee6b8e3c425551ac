// @vitest-environment node
// Horizon faults (through /control/faults) and the /control/horizon levers, driven with the real SDK client.
import { Keypair, type Horizon } from "@stellar/stellar-sdk";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { piError, startTestEmulator, type EmulatorClient } from "./helpers";
import { accountSchema, appWallet, balanceOf, hashOf, horizonOf, payment, refusal, resultCodes } from "./horizon-helpers";

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
  alice = z.object({ users: z.array(z.object({ walletAddress: z.string() })) }).parse((await emu.control("GET", "/users")).body).users[0]?.walletAddress ?? "";
});

const fault = (spec: Record<string, unknown>) => emu.control("POST", "/faults", { method: "POST", path: "/horizon/transactions", ...spec });
const transactionsSchema = z.object({ transactions: z.array(z.object({ hash: z.string(), successful: z.boolean(), memo: z.string().nullable() })) });
const ledgerTransactions = async () => transactionsSchema.parse((await emu.control("GET", "/horizon/transactions")).body).transactions;

describe("Horizon faults", () => {
  it("timeout-after-apply applies the payment once, answers 504, and the hash lookup then finds it", async () => {
    expect((await fault({ mode: "timeout-after-apply" })).status).toBe(201);
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "7", memo: "payout-1" });
    const timedOut = await refusal(horizon.submitTransaction(tx));
    expect(timedOut).toMatchObject({ status: 504, problem: { type: "https://stellar.org/horizon-errors/timeout", title: "Timeout" } });
    expect(await horizon.transactions().transaction(hashOf(tx)).call()).toMatchObject({ successful: true, memo: "payout-1" });
    // The retry a careful app makes (the same envelope) changes nothing more.
    expect(await horizon.submitTransaction(tx)).toMatchObject({ hash: hashOf(tx), successful: true });
    expect(await balanceOf(emu, alice)).toBe("107.0000000");
    expect(await ledgerTransactions()).toHaveLength(1);
  });

  it("forces tx_bad_seq without touching the chain, for `times` submissions", async () => {
    await fault({ mode: "reject", code: "tx_bad_seq", times: 2 });
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1" });
    expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: "tx_bad_seq" });
    expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: "tx_bad_seq" });
    expect(await ledgerTransactions()).toEqual([]);
    expect(await horizon.submitTransaction(tx)).toMatchObject({ successful: true });
  });

  it.each(["op_underfunded", "op_no_destination"])("forces %s as a failed transaction: fee charged, sequence used", async (code) => {
    await fault({ mode: "reject", code });
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", memo: "forced" });
    expect(await resultCodes(horizon.submitTransaction(tx))).toEqual({ transaction: "tx_failed", operations: [code] });
    expect(await ledgerTransactions()).toEqual([expect.objectContaining({ hash: hashOf(tx), successful: false, memo: "forced" })]);
    expect(await balanceOf(emu, alice)).toBe("100.0000000");
    expect(await balanceOf(emu, app.publicKey())).toBe("999999.9900000");
  });

  it("error faults answer Horizon's problem for the status without applying anything", async () => {
    // With a memo: without one, submitTransaction first GETs each destination (the SDK's memo_required check).
    const tx = payment(await horizon.loadAccount(app.publicKey()), app, { to: alice, amount: "1", memo: "m" });
    await fault({ mode: "error", status: 503 });
    await emu.control("POST", "/faults", { method: "GET", path: "/horizon/accounts/*", mode: "error", status: 500 });
    expect(await refusal(horizon.submitTransaction(tx))).toMatchObject({ status: 503, problem: { type: "https://stellar.org/horizon-errors/service_unavailable" } });
    expect(await refusal(horizon.loadAccount(app.publicKey()))).toMatchObject({ status: 500, problem: { type: "https://stellar.org/horizon-errors/server_error" } });
    expect(await ledgerTransactions()).toEqual([]);
  });

  it("refuses Horizon-only modes on Platform API paths, and reject without a code", async () => {
    piError(await emu.control("POST", "/faults", { method: "POST", path: "/v2/payments", mode: "timeout-after-apply" }), 400, "invalid_arguments");
    piError(await fault({ mode: "reject" }), 400, "invalid_arguments");
    piError(await fault({ mode: "reject", code: "tx_success" }), 400, "invalid_arguments");
  });

  it("logs Horizon calls with the Platform API's", async () => {
    await horizon.loadAccount(app.publicKey());
    const calls = z.object({ calls: z.array(z.object({ method: z.string(), path: z.string() })) }).parse((await emu.control("GET", "/calls")).body).calls;
    expect(calls).toEqual([{ method: "GET", path: `/horizon/accounts/${app.publicKey()}` }]);
  });
});

describe("/control/horizon", () => {
  it("hands out the app wallet's test seed, the same after a reset", async () => {
    const schema = accountSchema.extend({ secret: z.string() });
    const wallet = schema.parse((await emu.control("GET", "/horizon/app-wallet")).body);
    expect(Keypair.fromSecret(wallet.secret).publicKey()).toBe(wallet.publicKey);
    expect(wallet.balance).toBe("1000000.0000000");
    await emu.control("POST", "/reset");
    expect(schema.parse((await emu.control("GET", "/horizon/app-wallet")).body).secret).toBe(wallet.secret);
  });

  it("creates accounts (with a secret when it made the keypair), sets balances and removes accounts", async () => {
    const created = await emu.control("POST", "/horizon/accounts", { balance: "12.5" });
    expect(created.status).toBe(201);
    const { publicKey, secret } = accountSchema.extend({ secret: z.string() }).parse(created.body);
    expect(Keypair.fromSecret(secret).publicKey()).toBe(publicKey);
    expect((await horizon.loadAccount(publicKey)).balances[0]?.balance).toBe("12.5000000");

    const mine = Keypair.random().publicKey();
    const own = await emu.control("POST", "/horizon/accounts", { publicKey: mine, balance: 3 });
    expect([own.status, own.body]).toEqual([201, { publicKey: mine, balance: "3.0000000", sequence: expect.any(String) as unknown }]);
    const drained = await emu.control("POST", "/horizon/accounts", { publicKey: app.publicKey(), balance: "1" });
    expect([drained.status, await balanceOf(emu, app.publicKey())]).toEqual([200, "1.0000000"]);

    expect((await emu.control("DELETE", `/horizon/accounts/${mine}`)).status).toBe(200);
    piError(await emu.control("GET", `/horizon/accounts/${mine}`), 404, "not_found");
    piError(await emu.control("DELETE", `/horizon/accounts/${mine}`), 404, "not_found");
    piError(await emu.control("POST", "/horizon/accounts", { balance: "1.123456789" }), 400, "invalid_arguments");
    piError(await emu.control("POST", "/horizon/accounts", { publicKey: "GABC", balance: "1" }), 400, "invalid_arguments");
  });

  it("gives new Pioneers a wallet, and reset brings the chain back to the funded app wallet alone", async () => {
    const carol = z.object({ uid: z.string() }).parse((await emu.control("POST", "/users", { username: "carol" })).body);
    const users = z.object({ users: z.array(z.object({ uid: z.string(), walletAddress: z.string() })) }).parse((await emu.control("GET", "/users")).body).users;
    const wallet = users.find((u) => u.uid === carol.uid)?.walletAddress ?? "";
    expect(await balanceOf(emu, wallet)).toBe("100.0000000");
    await horizon.submitTransaction(payment(await horizon.loadAccount(app.publicKey()), app, { to: wallet, amount: "1" }));
    await emu.control("POST", "/reset");
    expect(await ledgerTransactions()).toEqual([]);
    piError(await emu.control("GET", `/horizon/accounts/${wallet}`), 404, "not_found");
    expect(await balanceOf(emu, app.publicKey())).toBe("1000000.0000000");
  });
});
