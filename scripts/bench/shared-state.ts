import { request } from "../perf/http-client";
import { newPioneer, signIn, type Target } from "../perf/flow";

/**
 * What several instances on one database must share, checked after the load of a target with two:
 * one Pioneer's request limit (counted in the database, in the session lookup), and the reconciler's
 * claims (two scheduled runs at once settle each stuck purchase once). Problems in words, and the
 * purchases the reconcilers finished (each must be one payment Pi completed).
 */

export const benchCronSecret = "bench-cron-secret-not-a-real-one";
/** RATE_LIMIT_API_PER_MINUTE's default, which the bench instances run with. */
const apiPerMinute = 120;
const stuckPurchases = 10;

type Order = { id: string; amount: number; memo: string };

async function limitShared(target: Target): Promise<string[]> {
  const pioneer = await newPioneer(target, `shared-limit-${process.pid}`);
  const { sessionToken } = await signIn(target, pioneer.accessToken);
  const statuses: number[] = [];
  for (let i = 0; i <= apiPerMinute; i++) {
    const origin = target.origins[i % target.origins.length] as string;
    statuses.push((await request("GET", `${origin}/api/orders`, undefined, { Authorization: `Bearer ${sessionToken}` })).status);
  }
  const allowed = statuses.filter((status) => status === 200).length;
  const last = statuses.at(-1);
  return allowed === apiPerMinute && last === 429 ? [] : [`one Pioneer's limit is not shared by the instances: ${allowed} of ${statuses.length} requests across them answered 200, the last ${last} (expected ${apiPerMinute}, then 429)`];
}

/** A purchase the Pioneer signed whose completion never reached the app (the phone went offline). */
async function stuckPurchase(target: Target, n: number): Promise<string> {
  const pioneer = await newPioneer(target, `shared-stuck-${process.pid}-${n}`);
  const { sessionToken } = await signIn(target, pioneer.accessToken);
  const auth = { Authorization: `Bearer ${sessionToken}` };
  const [first, second] = target.origins as [string, string];
  const { body } = await request<{ order: Order }>("POST", `${first}/api/orders`, { productId: "coffee" }, auth);
  const payment = await request<{ identifier: string }>("POST", `${target.emulator}/control/payments`, {
    accessToken: pioneer.accessToken,
    amount: body.order.amount,
    memo: body.order.memo,
    metadata: { orderId: body.order.id },
  });
  const paymentId = payment.body.identifier;
  const approved = await request("POST", `${second}/api/payments/approve`, { paymentId }, auth);
  if (approved.status !== 200) throw new Error(`approve answered ${approved.status}`);
  await request("POST", `${target.emulator}/control/payments/${paymentId}/transaction`);
  return paymentId;
}

async function reconcilersShared(target: Target): Promise<{ problems: string[]; finished: number }> {
  const stuck: string[] = [];
  for (let n = 0; n < stuckPurchases; n++) stuck.push(await stuckPurchase(target, n));
  const runs = await Promise.all(
    target.origins.map((origin) => request<{ counts: { paid: number } }>("GET", `${origin}/api/cron/reconcile`, undefined, { Authorization: `Bearer ${benchCronSecret}` })),
  );
  const problems = runs.filter((run) => run.status !== 200).map((run) => `a scheduled run answered ${run.status}`);
  const paid = runs.reduce((n, run) => n + (run.body.counts?.paid ?? 0), 0);
  if (paid !== stuckPurchases) problems.push(`two scheduled runs at once settled ${paid} of ${stuckPurchases} stuck purchases (each exactly once expected)`);
  const { body } = await request<{ calls: { method: string; path: string }[] }>("GET", `${target.emulator}/control/calls`);
  const completions = stuck.map((id) => body.calls.filter((call) => call.method === "POST" && call.path === `/v2/payments/${id}/complete`).length);
  if (completions.some((n) => n !== 1)) problems.push(`stuck purchases completed with Pi ${completions.join(", ")} times (once each expected)`);
  return { problems, finished: stuckPurchases };
}

export async function checkSharedState(target: Target): Promise<{ problems: string[]; finished: number }> {
  const limit = await limitShared(target);
  const reconcilers = await reconcilersShared(target);
  return { problems: [...limit, ...reconcilers.problems], finished: reconcilers.finished };
}
