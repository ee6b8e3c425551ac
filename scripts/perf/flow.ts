import { request } from "./http-client";

/**
 * One full purchase as a Pioneer's phone makes it: a Pioneer from the emulator, sign-in, an order,
 * Pi's payment, approval, the wallet's transaction, completion. The emulator's control routes play
 * the wallet; only the four app routes are timed.
 */
export const timedRoutes = ["signin", "order", "approve", "complete"] as const;
export type TimedRoute = (typeof timedRoutes)[number];

export type Target = {
  /** App origins; each request goes to the next one in turn, so one Pioneer's calls land on either instance. */
  origins: string[];
  emulator: string;
};

export type FlowResult = { ms: Record<TimedRoute, number>; paymentId: string; orderId: string };

type Order = { id: string; amount: number; memo: string; status: string };

export class FlowError extends Error {}

let turn = 0;
const nextOrigin = (target: Target) => target.origins[turn++ % target.origins.length] as string;

function expectStatus(step: string, status: number, expected: number, body: unknown) {
  if (status !== expected) throw new FlowError(`${step} answered ${status}: ${JSON.stringify(body).slice(0, 200)}`);
}

/** The Pioneer's Pi access token with the scopes the app asks for, as Pi.authenticate hands it over. */
export async function newPioneer(target: Target, username: string, app?: string): Promise<{ uid: string; accessToken: string }> {
  const user = await request<{ uid: string; accessToken: string }>("POST", `${target.emulator}/control/users`, { username });
  expectStatus("control/users", user.status, 200, user.body);
  if (!app) return user.body;
  // Consent for this app's origin, as after the sheet: the emulated Pi Browser then authenticates silently.
  const consent = await request<{ accessToken: string }>("POST", `${target.emulator}/wallet/consents`, { app, uid: user.body.uid, scopes: ["username", "payments"] });
  expectStatus("wallet/consents", consent.status, 200, consent.body);
  return { uid: user.body.uid, accessToken: consent.body.accessToken };
}

let phones = 0;
/** An address of its own for each sign-in, as Pioneers' phones have; the app trusts it behind a proxy (TRUST_PROXY=true). */
const phoneAddress = () => {
  const n = ++phones;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};

export async function signIn(target: Target, accessToken: string): Promise<{ sessionToken: string; ms: number }> {
  const origin = nextOrigin(target);
  const answer = await request<{ sessionToken: string }>("POST", `${origin}/api/auth/signin`, { accessToken }, { Origin: origin, "X-Forwarded-For": phoneAddress() });
  expectStatus("signin", answer.status, 200, answer.body);
  return { sessionToken: answer.body.sessionToken, ms: answer.ms };
}

/** Everything after sign-in: order, payment, approve, transaction, complete. `afterEach` runs after each app request. */
export async function buy(target: Target, pioneer: { accessToken: string; sessionToken: string }, productId = "coffee", afterEach: () => Promise<void> = () => Promise.resolve()) {
  const auth = { Authorization: `Bearer ${pioneer.sessionToken}` };
  const created = await request<{ order: Order }>("POST", `${nextOrigin(target)}/api/orders`, { productId }, auth);
  await afterEach();
  expectStatus("order", created.status, 201, created.body);
  const order = created.body.order;

  const payment = await request<{ identifier: string }>("POST", `${target.emulator}/control/payments`, {
    accessToken: pioneer.accessToken,
    amount: order.amount,
    memo: order.memo,
    metadata: { orderId: order.id },
  });
  expectStatus("control/payments", payment.status, 200, payment.body);
  const paymentId = payment.body.identifier;

  const approved = await request<{ order: Order }>("POST", `${nextOrigin(target)}/api/payments/approve`, { paymentId }, auth);
  await afterEach();
  expectStatus("approve", approved.status, 200, approved.body);
  if (approved.body.order.status !== "approved") throw new FlowError(`approve left the order ${approved.body.order.status}`);

  const signed = await request<{ transaction: { txid: string } | null }>("POST", `${target.emulator}/control/payments/${paymentId}/transaction`);
  expectStatus("control/transaction", signed.status, 200, signed.body);
  const txid = signed.body.transaction?.txid;
  if (!txid) throw new FlowError("the wallet recorded no transaction");

  const completed = await request<{ order: Order }>("POST", `${nextOrigin(target)}/api/payments/complete`, { paymentId, txid }, auth);
  await afterEach();
  expectStatus("complete", completed.status, 200, completed.body);
  if (completed.body.order.status !== "paid") throw new FlowError(`complete left the order ${completed.body.order.status}`);
  return { paymentId, orderId: order.id, ms: { order: created.ms, approve: approved.ms, complete: completed.ms } };
}

/** A new Pioneer signs in and buys once. */
export async function purchaseFlow(target: Target, username: string): Promise<FlowResult> {
  const pi = await newPioneer(target, username);
  const session = await signIn(target, pi.accessToken);
  const bought = await buy(target, { accessToken: pi.accessToken, sessionToken: session.sessionToken });
  return { paymentId: bought.paymentId, orderId: bought.orderId, ms: { signin: session.ms, ...bought.ms } };
}
