// @vitest-environment node
// The chain's rules on a Ledger directly, with a fixed clock: time-bound edges, multi-operation rollback,
// operation sources, fee bumps.
import { Account, Asset, Keypair, Memo, Operation, TransactionBuilder, type Transaction } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { EMULATOR_APP_WALLET } from "@/emulator/horizon/app-wallet";
import { Ledger } from "@/emulator/horizon/ledger";
import { submitTransaction } from "@/emulator/horizon/submit";
import { parsePi } from "@/emulator/horizon/amounts";

const NOW_S = 1_900_000_000;
const PASSPHRASE = "Pi Testnet";

function setup() {
  const ledger = new Ledger(EMULATOR_APP_WALLET, () => NOW_S * 1000);
  const app = Keypair.fromSecret(EMULATOR_APP_WALLET.secret);
  const fund = (pi: string) => {
    const kp = Keypair.random();
    ledger.putAccount(kp.publicKey(), parsePi(pi) ?? 0n);
    return kp;
  };
  const accountOf = (kp: Keypair) => new Account(kp.publicKey(), String(ledger.getAccount(kp.publicKey())?.sequence ?? 0n));
  const submit = (tx: Transaction) => submitTransaction(ledger, tx.toEnvelope().toXDR("base64"), PASSPHRASE, NOW_S * 1000);
  return { ledger, app, fund, accountOf, submit };
}

const pay = (destination: string, amount: string, source?: string) => Operation.payment({ destination, asset: Asset.native(), amount, source });

function build(account: Account, ops: ReturnType<typeof pay>[], timebounds = { minTime: 0, maxTime: NOW_S + 180 }) {
  const builder = new TransactionBuilder(account, { fee: String(100_000 * ops.length), networkPassphrase: PASSPHRASE, timebounds }).addMemo(Memo.text("m"));
  for (const op of ops) builder.addOperation(op);
  return builder.build();
}

const codeOf = (s: ReturnType<typeof submitTransaction>) => (s.kind === "rejected" ? s.code : s.kind === "applied" ? s.tx.resultCodes : s.kind);

describe("submitTransaction", () => {
  it("accepts the exact edges of the time bounds and refuses one second past them", () => {
    const { app, fund, accountOf, submit } = setup();
    const to = fund("5").publicKey();
    const at = (minTime: number, maxTime: number) => {
      const tx = build(accountOf(app), [pay(to, "1")], { minTime, maxTime });
      tx.sign(app);
      return codeOf(submit(tx));
    };
    expect(at(0, NOW_S - 1)).toBe("tx_too_late");
    expect(at(NOW_S + 1, 0)).toBe("tx_too_early");
    expect(at(NOW_S, NOW_S)).toEqual({ transaction: "tx_success", operations: ["op_success"] });
  });

  it("rolls every operation back when one fails, but keeps the fee and the sequence number", () => {
    const { ledger, fund, accountOf, submit } = setup();
    const payer = fund("10");
    const to = fund("1").publicKey();
    const tx = build(accountOf(payer), [pay(to, "5"), pay(to, "5")]);
    tx.sign(payer);
    expect(codeOf(submit(tx))).toEqual({ transaction: "tx_failed", operations: ["op_success", "op_underfunded"] });
    expect(ledger.getAccount(payer.publicKey())?.balance).toBe(parsePi("9.98"));
    expect(ledger.getAccount(to)?.balance).toBe(parsePi("1"));
    expect(ledger.getAccount(payer.publicKey())?.sequence).toBe(BigInt(tx.sequence));
  });

  it("needs the signature of each operation's source account", () => {
    const { ledger, app, fund, accountOf, submit } = setup();
    const other = fund("10");
    const to = fund("1").publicKey();
    const tx = build(accountOf(app), [pay(to, "2", other.publicKey())]);
    tx.sign(app);
    expect(codeOf(submit(tx))).toBe("tx_bad_auth");
    tx.sign(other);
    expect(codeOf(submit(tx))).toEqual({ transaction: "tx_success", operations: ["op_success"] });
    expect(ledger.getAccount(other.publicKey())?.balance).toBe(parsePi("8"));
  });

  it("refuses fee-bump envelopes and garbage", () => {
    const { app, fund, accountOf, submit, ledger } = setup();
    const inner = build(accountOf(app), [pay(fund("1").publicKey(), "1")]);
    inner.sign(app);
    const bump = TransactionBuilder.buildFeeBumpTransaction(app, "200000", inner, PASSPHRASE);
    bump.sign(app);
    expect(submitTransaction(ledger, bump.toEnvelope().toXDR("base64"), PASSPHRASE, NOW_S * 1000)).toMatchObject({ kind: "rejected", code: "tx_not_supported" });
    expect(submitTransaction(ledger, "not-xdr", PASSPHRASE, NOW_S * 1000)).toEqual({ kind: "malformed" });
    expect(codeOf(submit(inner))).toEqual({ transaction: "tx_success", operations: ["op_success"] });
  });
});
