// Which unfinished U2A payments Pi reports to onIncompletePaymentFound and lets block a new payment.
// Pi's documented rule: one with a transaction the app has not completed. Pioneers have also seen
// Pi report an approved payment without a transaction (pi-platform-docs issues #40 and #154), and
// refuse new payments while it stays open; tests switch that on to exercise the app's cancel path.
import type { EmulatorContext } from "./context";
import { switchRoute, type EmulatorRequest, type EmulatorResponse } from "./http";

export class IncompleteRule {
  approvedWithoutTransaction = false;
}

/** GET/POST /control/incomplete {approvedWithoutTransaction}. */
export function handleIncompleteControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  return switchRoute(req, "/control/incomplete", "approvedWithoutTransaction", ctx.incomplete);
}
