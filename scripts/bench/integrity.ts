import { request } from "../perf/http-client";

/**
 * What must hold after a bench, whatever the load: every payment Pi completed is exactly one paid,
 * delivered order; nothing is paid or delivered twice; a purchase costs at most 4 Platform API calls.
 */
export type Row = { id: string; status: string; pi_payment_id: string | null; txid: string | null };
export type Ledger = { orders: Row[]; fulfilments: { order_id: string }[] };
type PaymentDto = { identifier: string; status: { developer_completed: boolean }; transaction: { txid: string } | null };
type Call = { method: string; path: string };

export const maxPiCallsPerPurchase = 4;

export async function piRecord(emulator: string) {
  const [payments, calls] = await Promise.all([
    request<{ payments: PaymentDto[] }>("GET", `${emulator}/control/payments`),
    request<{ calls: Call[] }>("GET", `${emulator}/control/calls`),
  ]);
  return { payments: payments.body.payments, calls: calls.body.calls };
}

/** Platform API calls per payment (its reads, approve, complete), and the /me calls of the sign-ins. */
export function piCallsPerPayment(calls: Call[]): { perPayment: Map<string, number>; me: number } {
  const perPayment = new Map<string, number>();
  let me = 0;
  for (const call of calls) {
    if (call.path === "/v2/me") me++;
    const id = /^\/v2\/payments\/([A-Za-z0-9]+)(\/|$)/.exec(call.path)?.[1];
    if (id) perPayment.set(id, (perPayment.get(id) ?? 0) + 1);
  }
  return { perPayment, me };
}

/** Every broken rule, in words; empty when the ledger and Pi agree. */
export function integrityProblems(ledger: Ledger | null, pi: { payments: PaymentDto[]; calls: Call[] }, flows: number): string[] {
  const problems: string[] = [];
  const completed = pi.payments.filter((p) => p.status.developer_completed);
  if (completed.length !== flows) problems.push(`${flows} purchases finished but Pi completed ${completed.length} payments`);
  const { perPayment } = piCallsPerPayment(pi.calls);
  const over = [...perPayment].filter(([, n]) => n > maxPiCallsPerPurchase);
  if (over.length) problems.push(`${over.length} purchases cost more than ${maxPiCallsPerPurchase} Platform API calls (up to ${Math.max(...over.map(([, n]) => n))})`);
  if (!ledger) return problems;

  const byPayment = new Map<string, Row[]>();
  for (const order of ledger.orders) if (order.pi_payment_id) byPayment.set(order.pi_payment_id, [...(byPayment.get(order.pi_payment_id) ?? []), order]);
  const deliveries = new Map<string, number>();
  for (const f of ledger.fulfilments) deliveries.set(f.order_id, (deliveries.get(f.order_id) ?? 0) + 1);
  for (const payment of completed) {
    const rows = byPayment.get(payment.identifier) ?? [];
    const paid = rows.filter((r) => r.status === "paid" && r.txid === payment.transaction?.txid);
    if (rows.length !== 1 || paid.length !== 1) problems.push(`payment ${payment.identifier}: ${rows.length} orders, ${paid.length} paid with its txid`);
    else if (deliveries.get(paid[0]?.id ?? "") !== 1) problems.push(`order ${paid[0]?.id}: delivered ${deliveries.get(paid[0]?.id ?? "") ?? 0} times`);
  }
  const paidOrders = ledger.orders.filter((o) => o.status === "paid");
  if (paidOrders.length !== completed.length) problems.push(`${paidOrders.length} paid orders for ${completed.length} completed payments`);
  if (ledger.fulfilments.length !== paidOrders.length) problems.push(`${ledger.fulfilments.length} deliveries for ${paidOrders.length} paid orders`);
  return problems;
}
