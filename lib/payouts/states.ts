import type { PayoutStatus } from "@/lib/contract";
import type { PayoutStatus as StoredPayoutStatus } from "@/lib/db/schema";

/**
 * The payout state machine, in one place (pure). Every move is applied as a compare-and-set on the
 * row (UPDATE … WHERE status = from), so two workers, or a worker and a retry, never both win.
 *
 *   queued → created → signed → submitted → on_chain → completed
 *   exits: needs_consent (back to queued after the Pioneer signs in again), cancelled, failed
 *
 * `signed`/`submitted` go back to `created` only when their envelope can never be applied (its time
 * bound passed while unknown on chain, or it failed on chain), so a new one may be built.
 */
// Keyed by the stored statuses and listing the contract's: the two lists cannot drift apart.
const allowed: Record<StoredPayoutStatus, readonly PayoutStatus[]> = {
  queued: ["created", "needs_consent", "failed"],
  created: ["signed", "on_chain", "completed", "cancelled", "failed"],
  signed: ["submitted", "on_chain", "created", "cancelled"],
  submitted: ["on_chain", "created", "cancelled"],
  on_chain: ["completed", "failed"],
  needs_consent: ["queued"],
  completed: [],
  cancelled: [],
  failed: [],
};

export function canMovePayout(from: PayoutStatus, to: PayoutStatus): boolean {
  return allowed[from].includes(to);
}

/** The states a worker still has something to do for. */
export const openPayoutStatuses = ["queued", "created", "signed", "submitted", "on_chain"] as const satisfies readonly PayoutStatus[];

export const finalPayoutStatuses = ["completed", "cancelled", "failed"] as const satisfies readonly PayoutStatus[];

/** Money has left the app wallet for good once the payout is on chain. */
export const paidOutStatuses = ["on_chain", "completed"] as const satisfies readonly PayoutStatus[];
