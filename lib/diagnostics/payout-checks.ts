import type { PayoutsOffReason } from "@/lib/config/server";
import type { Check } from "@/lib/contract";

/**
 * The payout lines of /debug, as plain functions of what was read: whether payouts are on and why
 * not, whether Pi lets the app pay out yet, and the wallet's balance.
 */

export type PayoutsState =
  | { kind: "off"; reason: PayoutsOffReason }
  | { kind: "misconfigured"; message: string }
  | { kind: "on"; network: string; walletPublicKey: string; horizonUrl: string };

const label = "Payouts";
const offDetail: Record<PayoutsOffReason, { status: Check["status"]; detail: string; fix?: string }> = {
  switched_off: { status: "info", detail: "Payouts are off (PAYOUTS_ENABLED is not true): refunds and π rewards cannot be paid.", fix: "To pay refunds in π, follow docs/PAYOUTS.md: set PI_WALLET_SEED and PAYOUTS_ENABLED=true on the server, on Testnet first." },
  no_seed: { status: "warn", detail: "PAYOUTS_ENABLED=true, but PI_WALLET_SEED is not set: payouts stay off.", fix: "Copy the app wallet's secret seed from the Developer Portal into PI_WALLET_SEED (server environment only; see docs/PAYOUTS.md)." },
  mainnet_not_allowed: { status: "warn", detail: 'PI_NETWORK is "Pi Network" (Mainnet) and PAYOUTS_MAINNET is not true: payouts stay off.', fix: "Make payouts work on your Testnet app first, then set PAYOUTS_MAINNET=true here." },
};

export function payoutsCheck(state: PayoutsState): Check {
  if (state.kind === "misconfigured") return { id: "payouts", label, status: "error", detail: "The payout settings are invalid, so payouts cannot run.", fix: state.message.replace(/^Invalid configuration:\s*-?\s*/, "") };
  if (state.kind === "off") return { id: "payouts", label, ...offDetail[state.reason] };
  const wallet = `${state.walletPublicKey.slice(0, 6)}…${state.walletPublicKey.slice(-4)}`;
  return { id: "payouts", label, status: "ok", detail: `On, paying from the app wallet ${wallet} on "${state.network}" through ${state.horizonUrl}. Paid by the scheduled run.` };
}

/** Pi's side: feature_not_available (until a Mainnet listing is approved), or a seed that is not the app's wallet. */
export function piPayoutsCheck(unavailableSince: Date | null, lastErrors: readonly (string | null)[]): Check {
  const id = "payouts-pi";
  const title = "Pi allows payouts";
  if (lastErrors.includes("wallet_mismatch")) {
    return { id, label: title, status: "error", detail: "Pi pays this app's payouts from another wallet than PI_WALLET_SEED's: payouts wait.", fix: "Copy the secret seed of this app's own wallet (Developer Portal) into PI_WALLET_SEED." };
  }
  if (unavailableSince) {
    return {
      id,
      label: title,
      status: "warn",
      detail: `Pi answers feature_not_available (since ${unavailableSince.toISOString()}): it does not let this app pay out yet. Payouts wait, and Pi is asked again once an hour.`,
      fix: "On Mainnet, Pi allows app-to-user payments once the app's listing is approved (docs/LISTING.md). Nothing to do meanwhile: waiting payouts go out by themselves.",
    };
  }
  return { id, label: title, status: "ok", detail: "Pi has not refused a payout." };
}

export type WalletProbe = { state: "found"; balance: string } | { state: "missing" } | { state: "unreachable" };

export function walletCheck(probe: WalletProbe, waitingForFunds: number): Check {
  const id = "payouts-wallet";
  const title = "App wallet";
  if (probe.state === "unreachable") return { id, label: title, status: "warn", detail: "Horizon could not be reached to read the wallet's balance.", fix: "Check PI_HORIZON_URL and this server's outbound network." };
  if (probe.state === "missing") return { id, label: title, status: "error", detail: "The app wallet is not on this network's chain.", fix: "Check that PI_WALLET_SEED is this app's wallet and PI_NETWORK its network." };
  const detail = `Balance ${probe.balance} π (1 π stays in reserve; each payout costs a 0.01 π fee).`;
  if (waitingForFunds > 0) return { id, label: title, status: "warn", detail: `${detail} ${waitingForFunds} payout${waitingForFunds === 1 ? " waits" : "s wait"} for funds.`, fix: "Send π to the app wallet; waiting payouts go out at the next scheduled run." };
  return { id, label: title, status: "ok", detail };
}
