import "server-only";
import type { OrderView } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { listUnsettledOrdersOf } from "@/lib/db/repositories/orders";
import { getPiEnv } from "@/lib/env";
import { readPayment } from "./pi-steps";
import { checkCompletion } from "./rules";
import { markOrderCancelled, settlePayment } from "./settlement";

/**
 * Re-checks a Pioneer's unsettled orders against Pi's records and settles what Pi already decided:
 * a payment with a transaction is completed and delivered (also when only Pi's answer to our
 * completion was lost), a payment Pi cancelled cancels its order. It never cancels anything itself,
 * so it is safe to run at any time, e.g. each time the app opens. Returns the orders it changed.
 */
export async function reconcileOrdersOf(userUid: string): Promise<OrderView[]> {
  const db = await getDb();
  const changed: OrderView[] = [];
  for (const order of await listUnsettledOrdersOf(db, userUid)) {
    if (!order.piPaymentId) continue;
    try {
      const payment = await readPayment(order.piPaymentId);
      if (payment.cancelled && !payment.txid) {
        changed.push(await markOrderCancelled(db, order, payment.id));
      } else if (payment.txid) {
        const decision = checkCompletion(payment, order, userUid, getPiEnv().network, payment.txid);
        if (decision.ok) changed.push(await settlePayment(db, { ...payment, txid: decision.txid }, decision.order));
      }
    } catch (error) {
      // One payment Pi can't answer for must not block the others; the next run tries again.
      console.error(`[payments.reconcile] order ${order.id}: ${error instanceof Error ? error.message : "failed"}`);
    }
  }
  return changed;
}
