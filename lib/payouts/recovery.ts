import "server-only";
import { findPayout, findPayoutByPayment, updatePayoutStatus } from "@/lib/db/repositories/payouts";
import type { Payout } from "@/lib/db/schema";
import { logError, logEvent, type LogFields } from "@/lib/log";
import { toPiPayout, type PiPayout } from "@/lib/pi/mappers";
import { piApi } from "@/lib/pi/platform-api";
import { memoSearchSince, move, type WorkerContext } from "./context";
import { decideOpenPayment, paidAfterClose } from "./rules";

/**
 * Pi's open app-to-user payments (incomplete_server_payments), matched to our payouts. Each one's
 * id is first searched as a memo among the app wallet's transactions on Horizon: Pi shows no
 * transaction until /complete, so only the chain can say whether it was paid. Then: a payment whose
 * creation answer we lost is bound to its payout (its metadata names it); one this database does not
 * know is completed if paid, or cancelled once nobody can still be paying it.
 */
export async function recoverOpenPayments(ctx: WorkerContext): Promise<void> {
  let open: PiPayout[];
  try {
    open = (await piApi.incompleteServerPayments()).map(toPiPayout);
  } catch (error) {
    logError("payouts.recovery_failed", { error: error instanceof Error ? error.name : "error" });
    return;
  }
  for (const pi of open) {
    if (pi.direction !== "app_to_user") continue;
    // One payment Horizon or Pi cannot answer for now waits for the next run; the others, and every
    // payout's own steps after them, go on.
    await recoverOne(ctx, pi).catch((error: unknown) => logError("payouts.recovery_failed", { paymentId: pi.id, error: error instanceof Error ? error.name : "error" }));
  }
}

/** One of Pi's open payouts: searched on chain by its memo, then bound, completed, cancelled or left. */
async function recoverOne(ctx: WorkerContext, pi: PiPayout): Promise<void> {
  const payout = await payoutFor(ctx, pi);
  const byMemo = ctx.memoChecked.has(pi.id) ? (ctx.memoChecked.get(pi.id) ?? null) : await ctx.horizon.findByMemo(ctx.expected.walletPublicKey, pi.id, memoSearchSince(pi));
  ctx.memoChecked.set(pi.id, byMemo);
  const awaitingCreation = payout !== null && payout.status === "queued" && payout.piPaymentId === null;
  const closed = payout !== null && (payout.status === "failed" || payout.status === "cancelled");
  const action = decideOpenPayment(pi, payout && { id: payout.id, awaitingCreation, closed }, byMemo, ctx.now());
  switch (action.kind) {
    case "bind":
      if (payout) await move(ctx, payout, "created", { piPaymentId: pi.id, toAddress: pi.toAddress, lastError: null });
      break;
    case "complete_unknown":
      return logged(piApi.complete(pi.id, action.txid), "unknown_payment_completed", "unknown_payment_not_completed", { paymentId: pi.id, txid: action.txid });
    case "cancel_unknown":
      return logged(piApi.cancel(pi.id), "unknown_payment_cancelled", "unknown_payment_not_cancelled", { paymentId: pi.id });
    case "cancel_closed":
      return logged(piApi.cancel(pi.id), "closed_payment_cancelled", "closed_payment_not_cancelled", { paymentId: pi.id, payoutId: payout?.id ?? null });
    case "closed_but_paid":
      logError("payouts.closed_payment_paid_on_chain", { paymentId: pi.id, payoutId: payout?.id ?? null, txid: action.txid });
      // Its money moved after all: recorded, so it is never asked again as a refund that paid nothing.
      if (payout) await updatePayoutStatus(ctx.db, payout.id, payout.status, payout.status, { txid: action.txid, lastError: paidAfterClose });
      break;
    case "known":
    case "leave":
      break;
  }
}

/** A step at Pi whose failure only waits for the next run (Pi lists the payment again): logged either way. */
async function logged(step: Promise<unknown>, done: string, failed: string, fields: LogFields): Promise<void> {
  await step.then(
    () => logEvent(`payouts.${done}`, fields),
    () => logError(`payouts.${failed}`, fields),
  );
}

/** Our payout for Pi's payment: bound to it (closed ones included), or the one its metadata names if that one still waits for Pi's answer. */
async function payoutFor(ctx: WorkerContext, pi: PiPayout): Promise<Payout | null> {
  const bound = await findPayoutByPayment(ctx.db, pi.id);
  if (bound) return bound;
  const named = pi.payoutId ? await findPayout(ctx.db, pi.payoutId) : null;
  return named && named.userUid === pi.userUid && named.piPaymentId === null ? named : null;
}
