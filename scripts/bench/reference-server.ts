import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { findProduct, memoFor } from "../../lib/shop/catalog";
import { request } from "../perf/http-client";

/**
 * The bench's yardstick: a bare node:http server making the same Pi calls as the app (GET /me at
 * sign-in; GET payment + approve; GET payment + complete) over node:http, the server key and the same
 * checks, but an in-memory store, no framework, no database, no logs. What the app costs above
 * this is what Next, the database and our own code cost.
 */
type Order = { id: string; userUid: string; productId: string; amount: number; memo: string; status: string; paymentId: string | null; txid: string | null };
type Payment = { identifier: string; user_uid: string; amount: number; memo: string; metadata: { orderId?: string }; transaction: { txid: string } | null };

export async function startReferenceServer(port: number, pi: { baseUrl: string; apiKey: string }) {
  const sessions = new Map<string, string>();
  const orders = new Map<string, Order>();
  const byPayment = new Map<string, Order>();

  // Over node:http with kept-alive connections, as the app's client (lib/pi/transport.ts) does, so
  // the gap between them is not a difference in how each speaks to Pi. The driver's own JSON client
  // serves: this server runs in a process of its own, with its own connections.
  async function piCall<T>(method: string, path: string, auth: string, body?: unknown): Promise<T> {
    const answer = await request<T>(method, `${pi.baseUrl}${path}`, body, { Authorization: auth });
    if (answer.status >= 300) throw new Error(`${method} ${path}: ${answer.status}`);
    return answer.body;
  }
  const serverKey = `Key ${pi.apiKey}`;

  const routes: Record<string, (body: Record<string, string>, uid: string | null) => Promise<[number, unknown]>> = {
    "/api/health": () => Promise.resolve([200, { status: "ok" }]),
    async "/api/auth/signin"(body) {
      const me = await piCall<{ uid: string; username: string }>("GET", "/me", `Bearer ${body.accessToken}`);
      const token = randomBytes(32).toString("base64url");
      sessions.set(token, me.uid);
      return [200, { user: { uid: me.uid, username: me.username }, sessionToken: token }];
    },
    "/api/orders"(body, uid) {
      const product = uid ? findProduct(body.productId ?? "") : undefined;
      if (!uid || !product) return Promise.resolve([400, { error: "bad order" }]);
      const order: Order = { id: randomUUID(), userUid: uid, productId: product.id, amount: Number(product.price), memo: memoFor(product), status: "awaiting_payment", paymentId: null, txid: null };
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

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const handler = routes[req.url ?? ""];
      const uid = sessions.get(/^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "") ?? null;
      const answer = handler ? handler(JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, string>, uid) : Promise.resolve<[number, unknown]>([404, {}]);
      void answer
        .catch((error: unknown) => [502, { error: String(error) }] as [number, unknown])
        .then(([status, body]) => {
          res.writeHead(status, { "Content-Type": "application/json" });
          res.end(JSON.stringify(body));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
