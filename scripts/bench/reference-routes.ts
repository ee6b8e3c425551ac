import { randomBytes, randomUUID } from "node:crypto";
import { request } from "../perf/http-client";

/**
 * The bench's yardsticks' purchase routes: the same Pi calls as the app (GET /me at sign-in; GET
 * payment + approve; GET payment + complete) over node:http, with the server key and the same
 * checks, but an in-memory store, no database and no logs. The bare `node:http` reference
 * (reference-server.ts) and the bare Next.js route handler (scripts/perf/baseline-app) answer with
 * these. It imports nothing of the app's, because the Next.js project is built outside the repository.
 */
export type ReferenceProducts = Record<string, { amount: number; memo: string }>;
export type ReferenceAnswer = [status: number, body: unknown];
export type ReferenceRoutes = (path: string, body: Record<string, string>, authorization: string | null) => Promise<ReferenceAnswer>;

type Order = { id: string; userUid: string; productId: string; amount: number; memo: string; status: string; paymentId: string | null; txid: string | null };
type Payment = { identifier: string; user_uid: string; amount: number; memo: string; metadata: { orderId?: string }; transaction: { txid: string } | null };

export function createReferenceRoutes(pi: { baseUrl: string; apiKey: string }, products: ReferenceProducts): ReferenceRoutes {
  const sessions = new Map<string, string>();
  const orders = new Map<string, Order>();
  const byPayment = new Map<string, Order>();

  // Over node:http with kept-alive connections, as the app's client (lib/pi/transport.ts) does, so
  // the gap between them is not a difference in how each speaks to Pi. The driver's own JSON client
  // serves: a yardstick runs in a process of its own, with its own connections.
  async function piCall<T>(method: string, path: string, auth: string, body?: unknown): Promise<T> {
    const answer = await request<T>(method, `${pi.baseUrl}${path}`, body, { Authorization: auth });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status}`);
    return answer.body;
  }
  const serverKey = `Key ${pi.apiKey}`;

  const routes: Record<string, (body: Record<string, string>, uid: string | null) => Promise<ReferenceAnswer>> = {
    "/api/health": () => Promise.resolve([200, { status: "ok" }]),
    async "/api/auth/signin"(body) {
      const me = await piCall<{ uid: string; username: string }>("GET", "/me", `Bearer ${body.accessToken}`);
      const token = randomBytes(32).toString("base64url");
      sessions.set(token, me.uid);
      return [200, { user: { uid: me.uid, username: me.username }, sessionToken: token }];
    },
    "/api/orders"(body, uid) {
      const productId = body.productId ?? "";
      const product = uid && Object.hasOwn(products, productId) ? products[productId] : undefined;
      if (!uid || !product) return Promise.resolve([400, { error: "bad order" }]);
      const order: Order = { id: randomUUID(), userUid: uid, productId, amount: product.amount, memo: product.memo, status: "awaiting_payment", paymentId: null, txid: null };
      orders.set(order.id, order);
      return Promise.resolve([201, { order }]);
    },
    async "/api/payments/approve"(body, uid) {
      const payment = await piCall<Payment>("GET", `/payments/${body.paymentId}`, serverKey);
      const order = orders.get(payment.metadata.orderId ?? "");
      if (!order || order.userUid !== uid || payment.user_uid !== uid || payment.amount !== order.amount || payment.memo !== order.memo || order.paymentId) return [409, { error: "refused" }];
      order.paymentId = payment.identifier;
      byPayment.set(payment.identifier, order);
      await piCall("POST", `/payments/${payment.identifier}/approve`, serverKey);
      order.status = "approved";
      return [200, { order }];
    },
    async "/api/payments/complete"(body, uid) {
      const payment = await piCall<Payment>("GET", `/payments/${body.paymentId}`, serverKey);
      const order = byPayment.get(payment.identifier);
      if (!order || order.userUid !== uid || payment.transaction?.txid !== body.txid) return [409, { error: "refused" }];
      await piCall("POST", `/payments/${payment.identifier}/complete`, serverKey, { txid: body.txid });
      Object.assign(order, { status: "paid", txid: body.txid });
      return [200, { order }];
    },
  };

  return (path, body, authorization) => {
    const handler = routes[path];
    const uid = sessions.get(/^Bearer (\S+)$/.exec(authorization ?? "")?.[1] ?? "") ?? null;
    const answer = handler ? handler(body, uid) : Promise.resolve<ReferenceAnswer>([404, {}]);
    return answer.catch((error: unknown): ReferenceAnswer => [502, { error: String(error) }]);
  };
}
