import { Card } from "@/components/ui";
import type { PayoutDiagnostics } from "@/lib/contract";
import { CheckList } from "./check-list";
import { RefundButton } from "./refund-button";

/** /debug's payouts: whether they run and why not, the wallet, every unsettled payout with its Pi ids, and paid orders to refund. */
export function PayoutsCard({ report }: { report: PayoutDiagnostics }) {
  return (
    <Card aria-labelledby="payouts-heading" data-testid="payouts">
      <h2 id="payouts-heading">Payouts</h2>
      <CheckList checks={report.checks} />
      <h3>Payouts</h3>
      {report.payouts.length === 0 ? <p className="muted">No payout yet.</p> : null}
      <ul className="plain-list">
        {report.payouts.map((payout) => (
          <li key={payout.id} className="order" data-testid="payout" data-status={payout.status}>
            <div className="order-line">
              <span>{payout.businessKey}</span>
              <span className="order-amount">{payout.amount} π</span>
            </div>
            <p className="order-detail">
              {payout.status}
              {payout.lastError ? ` (${payout.lastError})` : ""} · Pi payment <code>{payout.piPaymentId ?? "none yet"}</code> · tx <code>{payout.txid ?? "none yet"}</code> ·{" "}
              <time dateTime={payout.at}>{payout.at}</time>
            </p>
          </li>
        ))}
      </ul>
      <h3>Paid orders</h3>
      {report.paidOrders.length === 0 ? <p className="muted">No paid order yet.</p> : null}
      <ul className="plain-list">
        {report.paidOrders.map((order) => (
          <li key={order.orderId} className="order" data-testid={`paid-order-${order.orderId}`}>
            <div className="order-line">
              <span>{order.memo}</span>
              <span className="order-amount">{order.amount} π</span>
            </div>
            <p className="order-detail">
              Order <code>{order.orderId}</code> · paid <time dateTime={order.paidAt}>{order.paidAt}</time>
              {order.refund ? ` · refund ${order.refund.status}` : ""}
            </p>
            {order.refundable ? <RefundButton orderId={order.orderId} amount={order.amount} memo={order.memo} again={order.refund !== null} /> : null}
          </li>
        ))}
      </ul>
    </Card>
  );
}
