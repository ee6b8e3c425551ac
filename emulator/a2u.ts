// App-to-User payouts as Pi runs them (pi-platform.md §7): created approved, refused until the app may pay out
// and without the Pioneer's wallet_address consent, and completed only against a transaction on the emulator's chain.
// Until /complete, `transaction` stays null even when the payout is already on chain: Pi's documented quirk.
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { apiError, outcomeResponse, parseBody, paymentInputSchema, switchRoute, type EmulatorRequest, type EmulatorResponse } from "./http";
import { piNumberToStroops } from "./horizon/amounts";
import type { Ledger } from "./horizon/ledger";
import { createAppToUserPayment, type TransactionVerifier } from "./payments";
import type { EmulatorStore } from "./store";

/** Pi answers feature_not_available to A2U until the app's Mainnet listing is approved; tests flip this. */
export class PayoutSwitch {
  available = true;
}

const createBodySchema = z.object({ payment: paymentInputSchema.extend({ uid: z.string().min(1) }) });

/** POST /v2/payments. */
export function createPayout(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const body = parseBody(req, createBodySchema);
  if (!body.ok) return body.response;
  // 403 is our choice: Pi documents the code, not its status.
  if (!ctx.payouts.available) return apiError(403, "feature_not_available", "App-to-User payments are not available for this app yet.");
  const { uid, ...input } = body.value.payment;
  const pioneer = ctx.store.getPioneer(uid);
  if (!pioneer) return apiError(404, "user_not_found", `No Pioneer with uid ${uid}.`);
  if (!ctx.store.hasGrantedScope(uid, "wallet_address")) {
    return apiError(401, "missing_scope", "The Pioneer has not granted this app the wallet_address scope.");
  }
  return outcomeResponse(createAppToUserPayment(ctx.store, pioneer, input, ctx.now()), ctx.options.network);
}

/** GET/POST /control/payouts {available}. */
export function handlePayoutsControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  return switchRoute(req, "/control/payouts", "available", ctx.payouts);
}

/**
 * What Pi checks on /complete of a payout: the transaction is on chain and successful, carries the payment's
 * identifier as its text memo, and pays exactly `amount` from the app wallet to the Pioneer's wallet.
 * Only tx_memo_payment_identifier_mismatch and payment_already_linked_with_a_tx were seen from Pi; the other codes are ours.
 */
export function payoutVerifier(ledger: Ledger, store: EmulatorStore): TransactionVerifier {
  return (payment, txid) => {
    const tx = ledger.getTransaction(txid);
    if (!tx) return { code: "tx_not_found", message: `No transaction ${txid} on the chain.` };
    const linked = store.listPayments((p) => p.txid === txid && p !== payment)[0];
    if (linked) return { code: "payment_already_linked_with_a_tx", message: `Transaction ${txid} is already linked with payment ${linked.identifier}.` };
    if (!tx.successful) return { code: "tx_not_successful", message: "The transaction failed on chain." };
    if (tx.memoType !== "text" || tx.memo !== payment.identifier) {
      return { code: "tx_memo_payment_identifier_mismatch", message: "The transaction's memo is not the payment identifier." };
    }
    const toPioneer = tx.payments.filter((p) => p.to === payment.toAddress);
    if (toPioneer.length === 0) return { code: "tx_to_address_mismatch", message: "The transaction pays nothing to the payment's to_address." };
    if (toPioneer.some((p) => p.from !== payment.fromAddress)) {
      return { code: "tx_from_address_mismatch", message: "The transaction does not pay from the app wallet." };
    }
    const paid = toPioneer.reduce((sum, p) => sum + p.amount, 0n);
    if (paid !== piNumberToStroops(payment.amount)) return { code: "tx_amount_mismatch", message: "The transaction does not pay the payment's amount." };
    return undefined;
  };
}
