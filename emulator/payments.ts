// Pi's payment rules (pi-platform.md §5): flags only move forward, one open payment per Pioneer.
import { newPaymentIdentifier, newTxid } from "./ids";
import type { IncompleteRule } from "./incomplete-rule";
import type { EmulatorStore, Payment, PaymentStatus, Pioneer } from "./store";

export interface PaymentInput {
  amount: number;
  memo: string;
  metadata: Record<string, unknown>;
}

/** A refusal in Pi's terms; the HTTP layer turns it into `{error, error_message, …}`. */
export interface Failure {
  status: number;
  error: string;
  message: string;
  payment?: Payment;
  verificationError?: string;
}

export type Outcome = { ok: true; payment: Payment } | { ok: false; failure: Failure };

const done = (payment: Payment): Outcome => ({ ok: true, payment });
const refuse = (status: number, error: string, message: string, extra: Partial<Failure> = {}): Outcome => ({
  ok: false,
  failure: { status, error, message, ...extra },
});

/** Flags are only ever set, never cleared. */
function raise(payment: Payment, ...flags: (keyof PaymentStatus)[]): void {
  for (const flag of flags) payment.status[flag] = true;
}

/**
 * A U2A payment whose transaction exists but which the app has not completed: it blocks new payments.
 * With `approvedWithoutTransaction` (./incomplete-rule.ts), an approved one without a transaction too.
 */
export function findIncompleteUserPayment(store: EmulatorStore, uid: string, rule: IncompleteRule): Payment | undefined {
  const unfinished = (p: Payment) => p.txid !== null || (rule.approvedWithoutTransaction && p.status.developer_approved);
  return store.listOpenPayments((p) => p.userUid === uid && p.direction === "user_to_app" && unfinished(p))[0];
}

/** A2U payments the app still has to submit and complete. */
export function listIncompleteServerPayments(store: EmulatorStore): Payment[] {
  return store.listOpenPayments((p) => p.direction === "app_to_user");
}

function newPayment(pioneer: Pioneer, input: PaymentInput, fields: Pick<Payment, "direction" | "fromAddress" | "toAddress" | "createdAt">): Payment {
  return {
    identifier: newPaymentIdentifier(),
    userUid: pioneer.uid,
    amount: input.amount,
    memo: input.memo,
    metadata: input.metadata,
    ...fields,
    status: { developer_approved: false, transaction_verified: false, developer_completed: false, cancelled: false, user_cancelled: false },
    txid: null,
  };
}

/** What the SDK's createPayment does: replaces an open payment without a tx, refuses while one has a tx. */
export function createUserToAppPayment(store: EmulatorStore, pioneer: Pioneer, input: PaymentInput, now: number, rule: IncompleteRule): Outcome {
  const incomplete = findIncompleteUserPayment(store, pioneer.uid, rule);
  if (incomplete) {
    return refuse(400, "ongoing_payment_found", "You already have a pending payment on this app, which needs an action from the developer.", { payment: incomplete });
  }
  for (const open of store.listOpenPayments((p) => p.userUid === pioneer.uid && p.direction === "user_to_app")) {
    raise(open, "cancelled");
  }
  const payment = newPayment(pioneer, input, {
    direction: "user_to_app",
    fromAddress: pioneer.walletAddress,
    toAddress: store.appWalletAddress,
    createdAt: now,
  });
  store.addPayment(payment);
  return done(payment);
}

/** POST /v2/payments: A2U payments arrive approved; one open A2U per Pioneer. */
export function createAppToUserPayment(store: EmulatorStore, pioneer: Pioneer, input: PaymentInput, now: number): Outcome {
  const ongoing = store.listOpenPayments((p) => p.userUid === pioneer.uid && p.direction === "app_to_user")[0];
  if (ongoing) return refuse(400, "ongoing_payment_found", "An ongoing payment was found for this user.", { payment: ongoing });
  const payment = newPayment(pioneer, input, {
    direction: "app_to_user",
    fromAddress: store.appWalletAddress,
    toAddress: pioneer.walletAddress,
    createdAt: now,
  });
  raise(payment, "developer_approved");
  store.addPayment(payment);
  return done(payment);
}

const cancelledRefusal = () => refuse(400, "cancelled_payment", "This payment was cancelled.");

export function approvePayment(payment: Payment): Outcome {
  if (payment.status.cancelled || payment.status.user_cancelled) return cancelledRefusal();
  raise(payment, "developer_approved");
  return done(payment);
}

/** Checks an app-submitted transaction on chain: the verification_error and why, or undefined when it pays this payment. */
export type TransactionVerifier = (payment: Payment, txid: string) => { code: string; message: string } | undefined;

export function completePayment(payment: Payment, txid: string | undefined, verifyAppTransaction: TransactionVerifier): Outcome {
  if (payment.status.developer_completed) return refuse(400, "already_completed", "This payment was already completed.");
  if (payment.status.cancelled || payment.status.user_cancelled) return cancelledRefusal();
  if (!txid) return refuse(400, "missing_txid", "The request body must contain a txid.");
  if (payment.direction === "app_to_user") {
    // A2U: the app itself submitted the transaction; Pi shows it only from completion on, once it checked it on chain.
    const mismatch = verifyAppTransaction(payment, txid);
    if (mismatch) return refuse(400, "verification_failed", mismatch.message, { verificationError: mismatch.code });
    payment.txid = txid;
    raise(payment, "transaction_verified", "developer_completed");
    return done(payment);
  }
  if (payment.txid === null || !payment.status.transaction_verified) {
    return refuse(400, "not_verified", "The payment's transaction has not been verified yet.");
  }
  if (payment.txid !== txid) return refuse(400, "txid_mismatch", "The txid does not match this payment's transaction.");
  raise(payment, "developer_completed");
  return done(payment);
}

/** The app may cancel only while no transaction exists. */
export function cancelPaymentByApp(payment: Payment): Outcome {
  if (payment.status.cancelled) return done(payment);
  if (payment.txid !== null) return refuse(400, "payment_tx_present", "This payment already has a transaction and cannot be cancelled.");
  raise(payment, "cancelled");
  return done(payment);
}

/** The Pioneer signs in the wallet: Pi verifies the tx and links it. */
export function submitTransaction(payment: Payment): Outcome {
  if (payment.direction !== "user_to_app") return refuse(400, "invalid_arguments", "A2U transactions are submitted by the app.");
  if (payment.status.cancelled || payment.status.user_cancelled) return cancelledRefusal();
  if (payment.txid !== null) {
    return refuse(400, "verification_failed", "This payment already has a transaction.", { verificationError: "payment_already_linked_with_a_tx" });
  }
  if (!payment.status.developer_approved) return refuse(400, "not_approved_payment", "The app has not approved this payment yet.");
  payment.txid = newTxid();
  raise(payment, "transaction_verified");
  return done(payment);
}

export function cancelPaymentByUser(payment: Payment): Outcome {
  if (payment.status.cancelled || payment.status.user_cancelled) return done(payment);
  if (payment.txid !== null) return refuse(400, "payment_tx_present", "This payment already has a transaction and cannot be cancelled.");
  raise(payment, "user_cancelled", "cancelled");
  return done(payment);
}

/** Pi cancels a payment the app did not approve in time. */
export function expirePayment(payment: Payment): Outcome {
  if (payment.status.cancelled) return done(payment);
  if (payment.status.developer_approved) return refuse(400, "invalid_arguments", "Only unapproved payments expire.");
  raise(payment, "cancelled");
  return done(payment);
}

/** Run lazily before every request, so expiry needs no timers and tests stay deterministic. */
export function expireStalePayments(store: EmulatorStore, now: number, approvalExpiryMs: number): void {
  for (const p of store.listOpenPayments((p) => !p.status.developer_approved)) {
    if (now - p.createdAt >= approvalExpiryMs) raise(p, "cancelled");
  }
}
