// @vitest-environment node
// The short, integrity-only version of `npm run bench`: Pioneers buying at once through the real
// route handlers, judged by the bench's own rules (scripts/bench/integrity.ts). It measures no time.
import { expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { fulfilments, orders } from "@/lib/db/schema";
import { integrityProblems, type Ledger } from "../../../scripts/bench/integrity";
import { useEmulator } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { shop, type Pioneer } from "../../helpers/shop";

const pioneers = 8;
const purchasesEach = 3;
type PiPayments = Parameters<typeof integrityProblems>[1]["payments"];

describeEachEngine("concurrent purchases (the bench, integrity only)", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();
  const s = shop(emulator);

  async function buyOnce(pioneer: Pioneer) {
    const order = await s.order(pioneer, "coffee");
    const payment = await s.payOrder(pioneer, order);
    expect((await s.approve(pioneer, payment.identifier)).body.order.status).toBe("approved");
    const txid = await s.sign(payment.identifier);
    expect((await s.complete(pioneer, payment.identifier, txid)).body.order.status).toBe("paid");
  }

  it(`${pioneers} Pioneers buying ${purchasesEach} times each at once: one paid, delivered order per completed payment, at most 4 Pi calls each`, async () => {
    const buyers = await Promise.all(Array.from({ length: pioneers }, (_, i) => s.pioneer(`bench${i}`)));
    await Promise.all(
      buyers.map(async (pioneer) => {
        for (let i = 0; i < purchasesEach; i++) await buyOnce(pioneer);
      }),
    );

    const db = await getDb();
    const ledger: Ledger = {
      orders: await db.select({ id: orders.id, status: orders.status, pi_payment_id: orders.piPaymentId, txid: orders.txid }).from(orders),
      fulfilments: await db.select({ order_id: fulfilments.orderId }).from(fulfilments),
    };
    const payments = (await emulator().control<{ payments: PiPayments }>("GET", "/control/payments")).body.payments;
    expect(integrityProblems(ledger, { payments, calls: await s.calls() }, pioneers * purchasesEach)).toEqual([]);
    expect(ledger.orders.filter((o) => o.status === "paid")).toHaveLength(pioneers * purchasesEach);
  });
});
