// Result codes under Horizon's names, and the TransactionResult XDR carrying them (the SDK parses result_xdr).
import { xdr } from "@stellar/stellar-sdk";

/** Refusals before the ledger: nothing is charged, the sequence number does not move. */
export const TX_REJECTIONS = [
  "tx_bad_seq",
  "tx_bad_auth",
  "tx_bad_auth_extra",
  "tx_insufficient_fee",
  "tx_insufficient_balance",
  "tx_too_early",
  "tx_too_late",
  "tx_no_source_account",
  "tx_missing_operation",
  "tx_not_supported",
] as const;
export type TxRejection = (typeof TX_REJECTIONS)[number];

export const OP_FAILURES = ["op_underfunded", "op_no_destination", "op_no_source_account", "op_malformed", "op_not_supported"] as const;
export type OpFailure = (typeof OP_FAILURES)[number];
export type OpCode = "op_success" | OpFailure;

/** What a `reject` fault may force on POST /horizon/transactions. */
export const FORCEABLE_CODES = [
  "tx_bad_seq",
  "tx_bad_auth",
  "tx_insufficient_fee",
  "tx_insufficient_balance",
  "tx_too_early",
  "tx_too_late",
  "op_underfunded",
  "op_no_destination",
] as const satisfies readonly (TxRejection | OpFailure)[];
export type ForceableCode = (typeof FORCEABLE_CODES)[number];

export const isTxRejection = (code: string): code is TxRejection => (TX_REJECTIONS as readonly string[]).includes(code);

const R = xdr.TransactionResultResult;
const txResults: Record<TxRejection, () => xdr.TransactionResultResult> = {
  tx_bad_seq: () => R.txBadSeq(),
  tx_bad_auth: () => R.txBadAuth(),
  tx_bad_auth_extra: () => R.txBadAuthExtra(),
  tx_insufficient_fee: () => R.txInsufficientFee(),
  tx_insufficient_balance: () => R.txInsufficientBalance(),
  tx_too_early: () => R.txTooEarly(),
  tx_too_late: () => R.txTooLate(),
  tx_no_source_account: () => R.txNoAccount(),
  tx_missing_operation: () => R.txMissingOperation(),
  tx_not_supported: () => R.txNotSupported(),
};

const payment = (result: xdr.PaymentResult) => xdr.OperationResult.opInner(xdr.OperationResultTr.payment(result));
const opResults: Record<OpCode, () => xdr.OperationResult> = {
  op_success: () => payment(xdr.PaymentResult.paymentSuccess()),
  op_underfunded: () => payment(xdr.PaymentResult.paymentUnderfunded()),
  op_no_destination: () => payment(xdr.PaymentResult.paymentNoDestination()),
  op_malformed: () => payment(xdr.PaymentResult.paymentMalformed()),
  op_no_source_account: () => xdr.OperationResult.opNoAccount(),
  op_not_supported: () => xdr.OperationResult.opNotSupported(),
};

function resultXdr(feeCharged: bigint, result: xdr.TransactionResultResult): string {
  const ext = new xdr.TransactionResultExt(0);
  return new xdr.TransactionResult({ feeCharged: xdr.Int64.fromString(feeCharged.toString()), result, ext }).toXDR("base64");
}

export function rejectionResultXdr(code: TxRejection, fee: bigint): string {
  return resultXdr(fee, txResults[code]());
}

/** txSuccess when every operation succeeded, else txFailed with each operation's result. */
export function appliedResultXdr(opCodes: OpCode[], feeCharged: bigint): string {
  const ops = opCodes.map((code) => opResults[code]());
  return resultXdr(feeCharged, opCodes.every((c) => c === "op_success") ? R.txSuccess(ops) : R.txFailed(ops));
}
