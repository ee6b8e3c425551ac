// Which unfinished U2A payments Pi reports to onIncompletePaymentFound and lets block a new payment.
// Pi's documented rule: one with a transaction the app has not completed. Pioneers have also seen
// Pi report an approved payment without a transaction (pi-platform-docs issues #40 and #154), and
// refuse new payments while it stays open; tests switch that on to exercise the app's cancel path.
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { json, parseBody, type EmulatorRequest, type EmulatorResponse } from "./http";

export class IncompleteRule {
  approvedWithoutTransaction = false;
}

const ruleBodySchema = z.object({ approvedWithoutTransaction: z.boolean() });

/** GET/POST /control/incomplete {approvedWithoutTransaction}. */
export function handleIncompleteControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  if (req.path !== "/control/incomplete") return undefined;
  if (req.method === "POST") {
    const body = parseBody(req, ruleBodySchema);
    if (!body.ok) return body.response;
    ctx.incomplete.approvedWithoutTransaction = body.value.approvedWithoutTransaction;
  } else if (req.method !== "GET") {
    return undefined;
  }
  return json(200, { approvedWithoutTransaction: ctx.incomplete.approvedWithoutTransaction });
}
