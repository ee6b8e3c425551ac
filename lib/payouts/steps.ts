import "server-only";
import { findPayout } from "@/lib/db/repositories/payouts";
import { setUnavailable } from "@/lib/db/repositories/payout-wallets";
import type { Payout } from "@/lib/db/schema";
import { formatUnits, normalizeAmount, toUnits } from "@/lib/pi/amount";
import { PiApiError } from "@/lib/pi/errors";
import { toPiPayout, type PiPayout } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";
import { memoSearchSince, move, note, readPiPayout, type WorkerContext } from "./context";
import { recoverOpenPayments } from "./recovery";
import { canAfford, classifyCreateRefusal, decideCreated, decideInFlight, decideOnChain, envelopeLifetimeMs, unavailableBackoffMs, type ChainTx } from "./rules";
import { signPayment } from "./stellar";

/**
 * One step of one payout, from its current state. Each returns the moved row (so the worker takes
 * the next step at once) or null (it waits; the reason is noted on the row).
 */

async function walletCanPay(ctx: WorkerContext, payout: Payout): Promise<{ sequence: string; feeUnits: bigint } | string> {
  const account = await ctx.horizon.account(ctx.expected.walletPublicKey);
  if (!account) return "wallet_not_on_chain";
  const feeUnits = await ctx.horizon.baseFee();
  return canAfford(account.balance, payout.amount, feeUnits) ? { sequence: account.sequence, feeUnits } : "insufficient_balance";
}

/** `queued`: ask Pi to create the payment (approved at once). Amount and recipient come from our row only. */
export async function createWithPi(ctx: WorkerContext, payout: Payout): Promise<Payout | null> {
  if (ctx.unavailableUntil && ctx.now() < ctx.unavailableUntil) return note(ctx, payout, "feature_not_available");
  const funds = await walletCanPay(ctx, payout);
  if (typeof funds === "string") return note(ctx, payout, funds);
  let pi: PiPayout;
  try {
    pi = toPiPayout(await piApi.createPayment({ amount: Number(normalizeAmount(payout.amount)), memo: payout.memo, metadata: { payoutId: payout.id }, uid: payout.userUid }));
  } catch (error) {
    if (!(error instanceof PiApiError)) throw error;
    return createRefused(ctx, payout, error);
  }
  if (ctx.unavailableUntil) {
    await setUnavailable(ctx.db, ctx.expected.walletPublicKey, null);
    ctx.unavailableUntil = null;
  }
  ctx.createdNow.set(pi.id, pi);
  return move(ctx, payout, "created", { piPaymentId: pi.id, toAddress: pi.toAddress, lastError: null });
}

async function createRefused(ctx: WorkerContext, payout: Payout, error: PiApiError): Promise<Payout | null> {
  // No answer, or Pi already has an open payout for this Pioneer: either may be this very payment,
  // created with an answer we never got. Pi's open payments (with our payout id in their metadata) say.
  const refusal = error.kind === "unavailable" ? null : classifyCreateRefusal(error.code);
  if (!refusal || refusal.kind === "ongoing") {
    await recoverOpenPayments(ctx);
    const bound = await findPayout(ctx.db, payout.id);
    return bound?.status === "created" ? bound : note(ctx, payout, error.code);
  }
  switch (refusal.kind) {
    case "needs_consent":
      return move(ctx, payout, "needs_consent", { lastError: error.code });
    case "unavailable": {
      const since = ctx.now();
      ctx.unavailableUntil = new Date(since.getTime() + unavailableBackoffMs);
      await setUnavailable(ctx.db, ctx.expected.walletPublicKey, { since, until: ctx.unavailableUntil });
      return note(ctx, payout, error.code);
    }
    case "fail":
      return move(ctx, payout, "failed", { lastError: refusal.reason });
    case "wait":
      return note(ctx, payout, refusal.reason);
  }
}

/** `created`: check Pi's record against ours, then sign one envelope and store it before sending anything. */
export async function buildEnvelope(ctx: WorkerContext, payout: Payout): Promise<Payout | null> {
  if (!payout.piPaymentId) return note(ctx, payout, "missing_payment_id");
  const pi = ctx.createdNow.get(payout.piPaymentId) ?? (await readPiPayout(payout.piPaymentId));
  const byMemo = ctx.createdNow.has(pi.id) ? null : await searchedMemo(ctx, pi);
  const action = decideCreated(payout, pi, byMemo, ctx.expected);
  switch (action.kind) {
    case "mark_on_chain":
      return move(ctx, payout, "on_chain", { txid: action.txid, lastError: null });
    case "mark_completed":
      return move(ctx, payout, "completed", { txid: action.txid, completedAt: ctx.now(), lastError: null });
    case "cancel":
    case "fail":
      // Nothing of ours is on chain for it (searched by memo): close Pi's side so the Pioneer can be paid again.
      if (!pi.cancelled) await piApi.cancel(pi.id).catch(() => undefined);
      return move(ctx, payout, action.kind === "cancel" ? "cancelled" : "failed", { lastError: action.reason });
    case "build":
      break;
    default:
      return note(ctx, payout, action.kind === "wait" ? action.reason : action.kind);
  }
  const funds = await walletCanPay(ctx, payout);
  if (typeof funds === "string") return note(ctx, payout, funds);
  const validUntil = new Date(ctx.now().getTime() + envelopeLifetimeMs);
  const envelope = signPayment({ seed: ctx.seed, sequence: funds.sequence, to: pi.toAddress ?? "", amount: formatUnits(toUnits(payout.amount) ?? 0n), memo: pi.id, feeUnits: funds.feeUnits, network: ctx.expected.network, validUntil });
  ctx.builtNow.add(payout.id);
  return move(ctx, payout, "signed", { envelopeXdr: envelope.envelopeXdr, txid: envelope.hash, validUntil, envelopes: payout.envelopes + 1, lastError: null });
}

async function searchedMemo(ctx: WorkerContext, pi: PiPayout): Promise<ChainTx | null> {
  if (ctx.memoChecked.has(pi.id)) return ctx.memoChecked.get(pi.id) ?? null;
  const found = await ctx.horizon.findByMemo(ctx.expected.walletPublicKey, pi.id, memoSearchSince(pi));
  ctx.memoChecked.set(pi.id, found);
  return found;
}

/**
 * `signed` or `submitted`: settle the stored envelope. Horizon's verdict on its hash decides; until
 * its time bound passes the same envelope is sent again, never a new one.
 */
export async function settleEnvelope(ctx: WorkerContext, payout: Payout): Promise<Payout | null> {
  if (!payout.txid || !payout.envelopeXdr || !payout.piPaymentId) return note(ctx, payout, "missing_envelope");
  const fresh = ctx.builtNow.has(payout.id);
  const byHash = fresh ? null : await ctx.horizon.transaction(payout.txid);
  const byMemo = ctx.memoChecked.get(payout.piPaymentId);
  const chain = byHash ?? (byMemo?.successful ? byMemo : null);
  const pi = fresh || chain?.successful ? null : await readPiPayout(payout.piPaymentId);
  const action = decideInFlight(payout, chain, pi, ctx.now());
  switch (action.kind) {
    case "mark_on_chain":
      return move(ctx, payout, "on_chain", { txid: action.txid, lastError: null });
    case "rebuild": {
      // The old envelope can never be applied any more (see decideInFlight): the next one is safe.
      ctx.memoChecked.set(payout.piPaymentId, null);
      const failedTransactions = payout.failedTransactions + (action.reason === "failed_on_chain" ? 1 : 0);
      return move(ctx, payout, "created", { envelopeXdr: null, txid: null, validUntil: null, failedTransactions, lastError: action.reason });
    }
    case "cancel":
      return move(ctx, payout, "cancelled", { lastError: action.reason });
    case "submit":
      return submit(ctx, payout);
    default:
      return note(ctx, payout, action.kind === "wait" ? action.reason : action.kind);
  }
}

async function submit(ctx: WorkerContext, payout: Payout): Promise<Payout | null> {
  // Marked before sending: after a crash from here on, the stored hash settles it.
  const sending = payout.status === "signed" ? await move(ctx, payout, "submitted") : payout;
  if (!sending?.envelopeXdr || !sending.txid) return null;
  const outcome = await ctx.horizon.submit(sending.envelopeXdr);
  if (outcome.kind === "applied") return move(ctx, sending, "on_chain", { lastError: null });
  if (outcome.kind === "failed_on_chain") {
    // Applied as a failure: the fee is spent and nothing paid. A new envelope waits for the next run
    // (maxFailedTransactions in all), so a failure that repeats costs one fee a run, not one a step.
    ctx.memoChecked.set(sending.piPaymentId ?? "", null);
    await move(ctx, sending, "created", { envelopeXdr: null, txid: null, validUntil: null, failedTransactions: sending.failedTransactions + 1, lastError: outcome.code });
    return null;
  }
  // Refused, or no clear answer (a timeout or a 504 may hide a success): Horizon's record of the hash decides.
  const found = await ctx.horizon.transaction(sending.txid).catch(() => null);
  if (found?.successful) return move(ctx, sending, "on_chain", { lastError: null });
  return note(ctx, sending, outcome.kind === "refused" ? outcome.code : outcome.reason);
}

/** `on_chain`: the money moved; complete with Pi, after reading its record (a re-read decides, never a blind retry). */
export async function completeWithPi(ctx: WorkerContext, payout: Payout): Promise<Payout | null> {
  if (!payout.piPaymentId) return note(ctx, payout, "missing_payment_id");
  const action = decideOnChain(payout, await readPiPayout(payout.piPaymentId));
  if (action.kind === "mark_completed") return move(ctx, payout, "completed", { completedAt: ctx.now(), lastError: null });
  if (action.kind === "fail") return move(ctx, payout, "failed", { lastError: action.reason });
  if (action.kind !== "complete") return note(ctx, payout, action.kind === "wait" ? action.reason : action.kind);
  try {
    await piApi.complete(payout.piPaymentId, action.txid);
  } catch (error) {
    if (!(error instanceof PiApiError)) throw error;
    // Pi may have completed it anyway (an answer lost, a concurrent call): its record decides.
    const after = decideOnChain(payout, await readPiPayout(payout.piPaymentId));
    if (after.kind === "mark_completed") return move(ctx, payout, "completed", { completedAt: ctx.now(), lastError: null });
    if (after.kind === "fail") return move(ctx, payout, "failed", { lastError: after.reason });
    return note(ctx, payout, error.code);
  }
  return move(ctx, payout, "completed", { completedAt: ctx.now(), lastError: null });
}
