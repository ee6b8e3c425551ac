import { amountsEqual, toUnits } from "@/lib/pi/amount";
import type { PiPayout } from "@/lib/pi/mappers";

/**
 * What to do with a payout, given Pi's record of its payment and what Horizon says about its
 * transaction. Pure: every branch is unit-tested without Pi, Horizon or a database; the worker
 * (./worker.ts) gathers the facts and applies the answer.
 */

/** The time bound of a signed envelope: Horizon refuses it, and no ledger can include it, after this. */
export const envelopeLifetimeMs = 180_000;
/**
 * Past the time bound, how long to keep asking Horizon before building a new envelope: covers a
 * clock of ours running ahead of the network's ledger close time, and Horizon's ingestion lag.
 */
export const settleMarginMs = 60_000;
/** After Pi answers feature_not_available, how long before asking it to create a payout again. */
export const unavailableBackoffMs = 60 * 60 * 1000;
/** An open payout Pi knows and this database does not, untouched on chain for this long, is cancelled. */
export const unknownPaymentGraceMs = 60 * 60 * 1000;
/**
 * What the app wallet keeps back: Stellar's minimum balance for an account with no entries (two
 * base reserves of 0.5). Pi does not document its reserve; the emulator models the same rule.
 */
export const walletReserveUnits = 10_000_000n;

/**
 * Transactions of one payout applied as failures before it is given up. Each cost the wallet its
 * fee, and one that fails the same way each time (the Pioneer's wallet not on the chain, a reserve
 * larger than ours) would otherwise cost a fee every run, for good. Envelopes that expired unseen
 * (Horizon down) cost nothing and do not count.
 */
export const maxFailedTransactions = 5;

export type PayoutFacts = {
  id: string;
  userUid: string;
  amount: string;
  txid: string | null;
  validUntil: Date | null;
  /** How many of its transactions were applied as failures so far. */
  failedTransactions: number;
};

/** A transaction Horizon knows: by its hash, or found by the payment id as its memo. */
export type ChainTx = { hash: string; successful: boolean };

export type Expected = { network: string; walletPublicKey: string };

export type PayoutAction =
  | { kind: "build" }
  | { kind: "submit" }
  | { kind: "mark_on_chain"; txid: string }
  | { kind: "complete"; txid: string }
  | { kind: "mark_completed"; txid: string }
  /** The envelope can never be applied: back to `created`, so a new one is built. */
  | { kind: "rebuild"; reason: "expired" | "failed_on_chain" }
  | { kind: "cancel"; reason: string }
  | { kind: "fail"; reason: string }
  | { kind: "wait"; reason: string };

const wait = (reason: string): PayoutAction => ({ kind: "wait", reason });

/** Is Pi's payment the one this payout asked for, from our wallet? Null when it is. */
export function payoutTermsProblem(payout: PayoutFacts, pi: PiPayout, expected: Expected): string | null {
  if (pi.direction !== "app_to_user") return "wrong_direction";
  if (pi.userUid !== payout.userUid) return "wrong_recipient";
  if (!amountsEqual(pi.amount, payout.amount)) return "wrong_amount";
  if (pi.network !== expected.network) return "wrong_network";
  if (pi.payoutId !== payout.id) return "not_this_payout";
  if (!pi.toAddress) return "no_wallet_address";
  if (pi.fromAddress !== expected.walletPublicKey) return "wallet_mismatch";
  // The payment id travels as the transaction's text memo, which holds 28 bytes.
  if (Buffer.byteLength(pi.id, "utf8") > 28) return "payment_id_too_long";
  return null;
}

/** `created`: Pi has the payment and nothing of ours can be pending on chain (checked by memo). */
export function decideCreated(payout: PayoutFacts, pi: PiPayout, byMemo: ChainTx | null, expected: Expected): PayoutAction {
  if (byMemo?.successful) return { kind: "mark_on_chain", txid: byMemo.hash };
  if (pi.completed) return pi.txid ? { kind: "mark_completed", txid: pi.txid } : { kind: "fail", reason: "completed_without_transaction" };
  if (pi.cancelled) return { kind: "cancel", reason: "cancelled_at_pi" };
  const problem = payoutTermsProblem(payout, pi, expected);
  // The seed is not the wallet Pi pays from: a configuration to fix, not a payout to give up.
  if (problem === "wallet_mismatch") return wait(problem);
  if (problem) return { kind: "fail", reason: problem };
  if (payout.failedTransactions >= maxFailedTransactions) return { kind: "fail", reason: "too_many_failed_transactions" };
  return { kind: "build" };
}

/**
 * `signed` or `submitted`: an envelope is stored, and may or may not be on chain. `chain` is what
 * Horizon knows of its hash (or of the payment's memo); `pi` is Pi's record when it was read.
 * Until the time bound passes, the only move is to submit the same envelope again: a timeout or a
 * 504 may hide a success, and the same envelope can be applied at most once.
 */
export function decideInFlight(payout: PayoutFacts, chain: ChainTx | null, pi: PiPayout | null, now: Date): PayoutAction {
  if (chain?.successful) return { kind: "mark_on_chain", txid: chain.hash };
  if (!payout.validUntil) return wait("missing_time_bound");
  // A transaction that failed on chain used its sequence number, so it can never be applied again.
  const dead = chain ? "failed_on_chain" : now.getTime() > payout.validUntil.getTime() + settleMarginMs ? "expired" : null;
  if (!dead) {
    if (now.getTime() > payout.validUntil.getTime()) return wait("settling");
    return pi?.cancelled ? wait("cancelled_at_pi") : { kind: "submit" };
  }
  // Past its time bound and unknown on chain, the envelope can never be applied: no ledger accepts
  // it any more. Only now is a new one safe; building one earlier could pay twice.
  return pi?.cancelled ? { kind: "cancel", reason: "cancelled_at_pi" } : { kind: "rebuild", reason: dead };
}

/** `on_chain`: the money moved; Pi closes its record with /complete. */
export function decideOnChain(payout: PayoutFacts, pi: PiPayout): PayoutAction {
  if (!payout.txid) return wait("missing_txid");
  if (pi.completed) return pi.txid === payout.txid ? { kind: "mark_completed", txid: payout.txid } : { kind: "fail", reason: "completed_with_other_transaction" };
  // Pi shows no transaction before /complete, so it lets a paid payout be cancelled: a person looks.
  if (pi.cancelled) return { kind: "fail", reason: "cancelled_after_payment" };
  return { kind: "complete", txid: payout.txid };
}

export type CreateRefusal = { kind: "needs_consent" } | { kind: "unavailable" } | { kind: "ongoing" } | { kind: "fail"; reason: string } | { kind: "wait"; reason: string };

/** Pi refused to create the payment: codes from Pi's Node SDK (pi-platform.md §4) that no retry changes fail the payout. */
const permanentRefusals = new Set(["user_not_found", "invalid_amount", "invalid_arguments", "invalid_metadata", "missing_wallet", "invalid_address", "missing_param"]);

export function classifyCreateRefusal(code: string): CreateRefusal {
  // Pi has been seen to answer an unknown recipient with a bare 404 (pi-platform.md §4), which our client names http_404.
  if (code === "http_404") return { kind: "fail", reason: "user_not_found" };
  if (code === "missing_scope") return { kind: "needs_consent" };
  if (code === "feature_not_available") return { kind: "unavailable" };
  if (code === "ongoing_payment_found") return { kind: "ongoing" };
  return permanentRefusals.has(code) ? { kind: "fail", reason: code } : { kind: "wait", reason: code };
}

/** The reason a closed payout gets when the chain shows its money moved after all (see decideOpenPayment). */
export const paidAfterClose = "paid_after_close";

export type OpenPaymentAction =
  | { kind: "bind"; payoutId: string }
  | { kind: "known" }
  | { kind: "complete_unknown"; txid: string }
  | { kind: "cancel_unknown" }
  | { kind: "cancel_closed" }
  /** A closed payout the chain shows paid: neither cancelled nor completed by the worker; logged for a person. */
  | { kind: "closed_but_paid"; txid: string }
  | { kind: "leave" };

/**
 * Recovery of one of Pi's incomplete_server_payments, after the app wallet's transactions were
 * searched for its id as memo. `payout` is our row for it (by payment id, or by the payout id in its
 * metadata): whether it still waits for Pi's answer to its creation, and whether it is closed
 * (failed or cancelled: the worker never sends anything for it again).
 */
export function decideOpenPayment(pi: PiPayout, payout: { id: string; awaitingCreation: boolean; closed: boolean } | null, byMemo: ChainTx | null, now: Date): OpenPaymentAction {
  // A closed payout whose cancel at Pi failed: Pi would refuse every later payout to this Pioneer
  // while its payment stays open. Cancel it, unless the chain says it paid: then a person looks.
  if (payout?.closed) return byMemo?.successful ? { kind: "closed_but_paid", txid: byMemo.hash } : { kind: "cancel_closed" };
  if (payout) return payout.awaitingCreation ? { kind: "bind", payoutId: payout.id } : { kind: "known" };
  // Not ours (or no longer in this database): the money moved, so close Pi's record; otherwise,
  // once nobody could still be submitting for it, cancel it so the Pioneer can be paid again.
  if (byMemo?.successful) return { kind: "complete_unknown", txid: byMemo.hash };
  const age = pi.createdAt ? now.getTime() - pi.createdAt.getTime() : 0;
  return age > unknownPaymentGraceMs ? { kind: "cancel_unknown" } : { kind: "leave" };
}

/** Whether the wallet can send `amount` plus the fee and keep its reserve. */
export function canAfford(balance: string, amount: string, feeUnits: bigint): boolean {
  const have = toUnits(balance);
  const need = toUnits(amount);
  return have !== null && need !== null && have - walletReserveUnits - feeUnits >= need;
}
