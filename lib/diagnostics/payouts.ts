import "server-only";
import { EnvError } from "@/lib/config/parse";
import { getPayoutsEnv, getPiEnv } from "@/lib/config/server";
import type { PayoutDiagnostics } from "@/lib/contract";
import type { Database } from "@/lib/db";
import { listPaidOrders } from "@/lib/db/repositories/orders";
import { findWallet } from "@/lib/db/repositories/payout-wallets";
import { listPayoutsForReview, listRefundsFor } from "@/lib/db/repositories/payouts";
import { normalizeAmount } from "@/lib/pi/amount";
import { latestRefunds, mayRefundAgain, toPayoutItem } from "@/lib/payouts";
import { horizonClient, walletPublicKey } from "@/lib/payouts/stellar";
import { payoutsCheck, piPayoutsCheck, walletCheck, type PayoutsState, type WalletProbe } from "./payout-checks";

function readState(): PayoutsState {
  try {
    const env = getPayoutsEnv();
    if (!env.enabled || !env.seed) return { kind: "off", reason: env.off ?? "no_seed" };
    return { kind: "on", network: env.network, walletPublicKey: walletPublicKey(env.seed), horizonUrl: env.horizonUrl };
  } catch (error) {
    if (error instanceof EnvError) return { kind: "misconfigured", message: error.message };
    throw error;
  }
}

async function probeWallet(state: Extract<PayoutsState, { kind: "on" }>): Promise<WalletProbe> {
  try {
    const account = await horizonClient(state.horizonUrl, getPiEnv().timeoutMs).account(state.walletPublicKey);
    return account ? { state: "found", balance: account.balance } : { state: "missing" };
  } catch {
    return { state: "unreachable" };
  }
}

/** The payouts card of /debug: the settings, Pi's and the wallet's state, the payouts, and paid orders to refund. */
export async function collectPayoutReport(db: Database): Promise<PayoutDiagnostics> {
  const state = readState();
  const [rows, paid] = await Promise.all([listPayoutsForReview(db), listPaidOrders(db)]);
  const refunds = latestRefunds(await listRefundsFor(db, paid.map((order) => order.id)));
  const checks = [payoutsCheck(state)];
  if (state.kind === "on") {
    const open = rows.filter((row) => !["completed", "cancelled", "failed"].includes(row.status));
    const wallet = await findWallet(db, state.walletPublicKey);
    checks.push(piPayoutsCheck(wallet?.unavailableSince ?? null, open.map((row) => row.lastError)));
    checks.push(walletCheck(await probeWallet(state), open.filter((row) => row.lastError === "insufficient_balance").length));
  }
  return {
    checks,
    payouts: rows.map(toPayoutItem),
    paidOrders: paid.map((order) => {
      const refund = refunds.get(order.id);
      const refundable = !refund || mayRefundAgain(refund);
      return { orderId: order.id, memo: order.memo, amount: normalizeAmount(order.amount), paidAt: order.updatedAt.toISOString(), refund: refund ? { id: refund.id, status: refund.status } : null, refundable };
    }),
  };
}
