// POST /horizon/transactions as Horizon and Stellar Core judge it. A transaction that passes validation is
// applied: the fee is charged and the sequence number used even when an operation then fails (tx_failed), as
// on chain; balances move only when every operation succeeds.
import { FeeBumpTransaction, Keypair, TransactionBuilder, type Memo, type Transaction } from "@stellar/stellar-sdk";
import { BASE_FEE, MIN_BALANCE, parsePi } from "./amounts";
import type { Ledger, LedgerAccount, LedgerPayment, LedgerTransaction } from "./ledger";
import {
  appliedResultXdr,
  isTxRejection,
  rejectionResultXdr,
  type ForceableCode,
  type OpCode,
  type OpFailure,
  type TxRejection,
} from "./result-codes";

export type Submission =
  /** On the ledger, successful or not (also when it already was: see submitTransaction). */
  | { kind: "applied"; tx: LedgerTransaction }
  | { kind: "rejected"; code: TxRejection; resultXdr: string }
  | { kind: "malformed" };

/** @param passphrase the emulator's network: "Pi Testnet" or "Pi Network" are the passphrases themselves. */
export function submitTransaction(ledger: Ledger, envelopeXdr: string, passphrase: string, nowMs: number, forced?: ForceableCode): Submission {
  let tx: Transaction;
  try {
    // Decoding enforces the XDR limits too: a text memo over 28 bytes never parses.
    const parsed = TransactionBuilder.fromXDR(envelopeXdr, passphrase);
    if (parsed instanceof FeeBumpTransaction) return reject("tx_not_supported", BASE_FEE);
    tx = parsed;
  } catch {
    return { kind: "malformed" };
  }
  // The hash covers the passphrase, so a transaction signed for another network hashes (and verifies) differently.
  const hash = Buffer.from(tx.hash()).toString("hex");
  // Horizon looks the hash up before anything else and answers the recorded result, success or failure
  // (stellar/go services/horizon/internal/txsub: "Found submission result in a DB"), so a resubmission never applies twice.
  const known = ledger.getTransaction(hash);
  if (known) return { kind: "applied", tx: known };

  const fee = BASE_FEE * BigInt(tx.operations.length);
  const source = ledger.getAccount(tx.source);
  const refusal = forced !== undefined && isTxRejection(forced) ? forced : validate(tx, source, nowMs, fee);
  if (refusal !== undefined || !source) return reject(refusal ?? "tx_no_source_account", fee);
  const forcedOp = forced !== undefined && !isTxRejection(forced) ? forced : undefined;
  return { kind: "applied", tx: apply(ledger, tx, { hash, envelopeXdr, source, fee, nowMs, forcedOp }) };
}

const reject = (code: TxRejection, fee: bigint): Submission => ({ kind: "rejected", code, resultXdr: rejectionResultXdr(code, fee) });

/** Stellar Core's checks before a transaction may enter a ledger, in Core's order. */
function validate(tx: Transaction, source: LedgerAccount | undefined, nowMs: number, fee: bigint): TxRejection | undefined {
  if (tx.operations.length === 0) return "tx_missing_operation";
  const closeTime = BigInt(Math.floor(nowMs / 1000));
  if (tx.timeBounds && BigInt(tx.timeBounds.minTime) > closeTime) return "tx_too_early";
  const maxTime = BigInt(tx.timeBounds?.maxTime ?? 0);
  if (maxTime !== 0n && maxTime < closeTime) return "tx_too_late";
  if (BigInt(tx.fee) < fee) return "tx_insufficient_fee";
  if (!source) return "tx_no_source_account";
  if (BigInt(tx.sequence) !== source.sequence + 1n) return "tx_bad_seq";
  const auth = checkSignatures(tx);
  if (auth) return auth;
  if (source.balance - MIN_BALANCE < fee) return "tx_insufficient_balance";
  return undefined;
}

/** Every source account (the transaction's and each operation's) must sign with its key, and no signature may be left over. */
function checkSignatures(tx: Transaction): "tx_bad_auth" | "tx_bad_auth_extra" | undefined {
  const signers = [...new Set([tx.source, ...tx.operations.map((op) => op.source ?? tx.source)])];
  const hash = tx.hash();
  const signed = new Set<string>();
  let unused = 0;
  for (const signature of tx.signatures) {
    const signer = signers.find((id) => verifies(id, hash, signature.signature()));
    if (signer) signed.add(signer);
    else unused += 1;
  }
  if (signers.some((id) => !signed.has(id))) return "tx_bad_auth";
  return unused > 0 ? "tx_bad_auth_extra" : undefined;
}

/** False rather than a throw for keys that are no curve point (the emulator's Pioneer addresses are random bytes). */
function verifies(publicKey: string, data: Buffer, signature: Buffer): boolean {
  try {
    return Keypair.fromPublicKey(publicKey).verify(data, signature);
  } catch {
    return false;
  }
}

interface Application {
  hash: string;
  envelopeXdr: string;
  source: LedgerAccount;
  fee: bigint;
  nowMs: number;
  forcedOp: OpFailure | undefined;
}

function apply(ledger: Ledger, tx: Transaction, a: Application): LedgerTransaction {
  a.source.balance -= a.fee;
  a.source.sequence = BigInt(tx.sequence);
  // Balances as the operations leave them, committed only if all of them succeed.
  const staged = new Map<string, bigint>();
  const payments: LedgerPayment[] = [];
  const opCodes = tx.operations.map((op): OpCode => a.forcedOp ?? applyOperation(op, tx.source, ledger, staged, payments));
  const successful = opCodes.every((code) => code === "op_success");
  const ledgerSequence = ledger.closeLedger();
  for (const [id, balance] of successful ? staged : []) {
    const account = ledger.getAccount(id);
    if (account) account.balance = balance;
  }
  for (const id of new Set([tx.source, ...staged.keys()])) {
    const account = ledger.getAccount(id);
    if (account) ledger.touch(account);
  }
  const record: LedgerTransaction = {
    hash: a.hash,
    ledger: ledgerSequence,
    createdAt: a.nowMs,
    source: tx.source,
    sequence: BigInt(tx.sequence),
    maxFee: BigInt(tx.fee),
    feeCharged: a.fee,
    operationCount: tx.operations.length,
    ...memoFields(tx.memo),
    signatures: tx.signatures.map((s) => s.signature().toString("base64")),
    timeBounds: tx.timeBounds ?? null,
    envelopeXdr: a.envelopeXdr,
    resultXdr: appliedResultXdr(opCodes, a.fee),
    successful,
    resultCodes: { transaction: successful ? "tx_success" : "tx_failed", operations: opCodes },
    payments,
    participants: [...new Set([tx.source, ...tx.operations.flatMap((op) => [op.source ?? tx.source, ...("destination" in op ? [op.destination] : [])])])],
  };
  ledger.record(record);
  return record;
}

/** Native payments only: the emulator's chain has no other assets or operations. */
function applyOperation(op: Transaction["operations"][number], txSource: string, ledger: Ledger, staged: Map<string, bigint>, payments: LedgerPayment[]): OpCode {
  if (op.type !== "payment" || !op.asset.isNative()) return "op_not_supported";
  const balanceOf = (id: string) => staged.get(id) ?? ledger.getAccount(id)?.balance;
  const from = op.source ?? txSource;
  const amount = parsePi(op.amount);
  const fromBalance = balanceOf(from);
  if (fromBalance === undefined) return "op_no_source_account";
  if (amount === undefined || amount <= 0n) return "op_malformed";
  if (balanceOf(op.destination) === undefined) return "op_no_destination";
  // The reserve stays behind: only what is above the minimum balance can be sent (Core's available balance).
  if (fromBalance - MIN_BALANCE < amount) return "op_underfunded";
  staged.set(from, fromBalance - amount);
  staged.set(op.destination, (balanceOf(op.destination) ?? 0n) + amount);
  payments.push({ from, to: op.destination, amount });
  return "op_success";
}

function memoFields(memo: Memo): Pick<LedgerTransaction, "memoType" | "memo" | "memoBytes"> {
  const { type, value } = memo;
  if (type === "none" || value === null) return { memoType: "none", memo: null, memoBytes: null };
  if (type === "id") return { memoType: "id", memo: String(value), memoBytes: null };
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value);
  if (type === "text") return { memoType: "text", memo: bytes.toString("utf8"), memoBytes: bytes.toString("base64") };
  return { memoType: type, memo: bytes.toString("base64"), memoBytes: null };
}
