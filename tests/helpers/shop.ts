/** Steps of a purchase, driven the way the browser and Pi's wallet would, for integration tests. */
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { GET as ordersGET, POST as ordersPOST } from "@/app/api/orders/route";
import { POST as approvePOST } from "@/app/api/payments/approve/route";
import { POST as cancelPOST } from "@/app/api/payments/cancel/route";
import { POST as completePOST } from "@/app/api/payments/complete/route";
import { POST as incompletePOST } from "@/app/api/payments/incomplete/route";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/db";
import { fulfilments, orders } from "@/lib/db/schema";
import type { OrderView } from "@/lib/contract";
import type { OwnedItem } from "@/lib/shop";
import type { PaymentDto } from "@/lib/pi/schemas";
import { call, type Emulator } from "./app";

export type Pioneer = { uid: string; username: string; accessToken: string; sessionToken: string };

export function shop(emulator: () => Emulator) {
  const control = <T,>(method: string, path: string, body?: unknown) => emulator().control<T>(method, path, body);

  return {
    async pioneer(username: string): Promise<Pioneer> {
      const { body } = await control<Omit<Pioneer, "sessionToken">>("POST", "/control/users", { username });
      const signin = await call<{ sessionToken: string }>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: body.accessToken } });
      return { ...body, sessionToken: signin.body.sessionToken };
    },
    async order(pioneer: Pioneer, productId = "pro-month"): Promise<OrderView> {
      const { status, body } = await call<{ order: OrderView }>(ordersPOST, "POST", "/api/orders", { token: pioneer.sessionToken, body: { productId } });
      if (status !== 201) throw new Error(`order creation answered ${status}`);
      return body.order;
    },
    orders: (pioneer: Pioneer) => call<{ orders: OrderView[]; owned: OwnedItem[] }>(ordersGET, "GET", "/api/orders", { token: pioneer.sessionToken }),
    /** Pi.createPayment for an order, as the app's client calls it; `terms` lets a test lie about it. */
    payOrder(pioneer: Pioneer, order: OrderView, terms: { amount?: number; memo?: string } = {}): Promise<PaymentDto> {
      return this.pay(pioneer, terms.amount ?? order.amount, { orderId: order.id }, terms.memo ?? order.memo);
    },
    /** What Pi.createPayment does on the Pioneer's phone. */
    async pay(pioneer: Pioneer, amount: number, metadata: Record<string, unknown>, memo = "test"): Promise<PaymentDto> {
      const { status, body } = await control<PaymentDto>("POST", "/control/payments", { accessToken: pioneer.accessToken, amount, memo, metadata });
      if (status !== 200 && status !== 201) throw new Error(`payment creation answered ${status}: ${JSON.stringify(body)}`);
      return body;
    },
    /** The Pioneer confirms in the wallet: Pi records the transaction. */
    async sign(paymentId: string): Promise<string> {
      const { status, body } = await control<PaymentDto>("POST", `/control/payments/${paymentId}/transaction`);
      if (status !== 200 || !body.transaction) throw new Error(`transaction answered ${status}`);
      return body.transaction.txid;
    },
    piPayment: (paymentId: string) => control<PaymentDto>("GET", `/control/payments/${paymentId}`).then((r) => r.body),
    calls: () => control<{ calls: { method: string; path: string }[] }>("GET", "/control/calls").then((r) => r.body.calls),
    clearCalls: () => control("DELETE", "/control/calls"),
    fault: (fault: Record<string, unknown>) => control("POST", "/control/faults", fault),
    approve: (pioneer: Pioneer, paymentId: unknown) => call<{ order: OrderView }>(approvePOST, "POST", "/api/payments/approve", { token: pioneer.sessionToken, body: { paymentId } }),
    complete: (pioneer: Pioneer, paymentId: unknown, txid: unknown) =>
      call<{ order: OrderView }>(completePOST, "POST", "/api/payments/complete", { token: pioneer.sessionToken, body: { paymentId, txid } }),
    cancel: (pioneer: Pioneer, paymentId: unknown) => call<{ order: OrderView | null }>(cancelPOST, "POST", "/api/payments/cancel", { token: pioneer.sessionToken, body: { paymentId } }),
    incomplete: (pioneer: Pioneer, body: Record<string, unknown>) =>
      call<{ outcome: string; order: OrderView | null; needsReview: boolean }>(incompletePOST, "POST", "/api/payments/incomplete", { token: pioneer.sessionToken, body }),
  };
}

/** What the fulfilment hook delivered for an order, read from the app's own database. */
export async function fulfilmentsOf(orderId: string) {
  return (await getDb()).select().from(fulfilments).where(eq(fulfilments.orderId, orderId));
}

export async function orderRow(orderId: string) {
  return (await (await getDb()).select().from(orders).where(eq(orders.id, orderId)))[0];
}
