/** Payouts in integration tests: the app's wallet on the emulator's chain, refunds asked by an admin, what Pi and the chain show. */
import { afterAll, beforeAll } from "vitest";
import { eq } from "drizzle-orm";
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { POST as refundsPOST } from "@/app/api/admin/refunds/route";
import { EMULATOR_APP_WALLET } from "@/emulator/horizon/app-wallet";
import { resetEnv } from "@/lib/config/server";
import type { OrderView, PayoutRef } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { payouts, payoutWallets } from "@/lib/db/schema";
import type { PaymentDto } from "@/lib/pi/schemas";
import { call, type Emulator } from "./app";
import { shop, type Pioneer } from "./shop";

/** The emulator's PUBLIC TEST seed (emulator/horizon/app-wallet.ts): fine in tests, never a real wallet's. */
export const testWallet = EMULATOR_APP_WALLET;
export const adminUid = "00000000-0000-4000-8000-00000000a0a0";

/** Turns payouts on for the enclosing describe, paying from the emulator's app wallet on its Horizon; the admin is adminUid. */
export function usePayouts(emulator: () => Emulator, extra: Record<string, string> = {}): void {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    const values = { PAYOUTS_ENABLED: "true", PI_WALLET_SEED: testWallet.secret, PI_HORIZON_URL: `${emulator().url}/horizon`, ADMIN_UIDS: adminUid, ...extra };
    for (const [name, value] of Object.entries(values)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    resetEnv();
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnv();
  });
}

type ChainTransaction = { hash: string; successful: boolean; memo: string | null; payments: { from: string; to: string; amount: string }[] };

export function payoutsWorld(emulator: () => Emulator) {
  const s = shop(emulator);
  const control = <T,>(method: string, path: string, body?: unknown) => emulator().control<T>(method, path, body);

  return {
    s,
    /** A Pioneer who signed in (through the app) with the scopes given, as /control/users issues them. */
    async pioneer(username: string, scopes?: string[]): Promise<Pioneer> {
      const { body } = await control<Omit<Pioneer, "sessionToken">>("POST", "/control/users", { username, ...(scopes ? { scopes } : {}) });
      const signin = await call<{ sessionToken: string }>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: body.accessToken } });
      return { ...body, sessionToken: signin.body.sessionToken };
    },
    async admin(): Promise<Pioneer> {
      const { body } = await control<Omit<Pioneer, "sessionToken">>("POST", "/control/users", { username: "shop-admin", uid: adminUid });
      const signin = await call<{ sessionToken: string }>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: body.accessToken } });
      return { ...body, sessionToken: signin.body.sessionToken };
    },
    /** An order the Pioneer bought and paid, through the app's real routes. */
    async paidOrder(pioneer: Pioneer, productId = "pro-month"): Promise<OrderView> {
      const order = await s.order(pioneer, productId);
      const payment = await s.payOrder(pioneer, order);
      await s.approve(pioneer, payment.identifier);
      const { body } = await s.complete(pioneer, payment.identifier, await s.sign(payment.identifier));
      if (body.order.status !== "paid") throw new Error("the order was not paid");
      return body.order;
    },
    refund: (caller: Pioneer, orderId: unknown) => call<{ payout: PayoutRef }>(refundsPOST, "POST", "/api/admin/refunds", { token: caller.sessionToken, body: { orderId } }),
    /** The Pioneer's wallet address on the emulator's chain. */
    async walletOf(uid: string): Promise<string> {
      const { body } = await control<{ payments: PaymentDto[] }>("GET", "/control/payments");
      // The wallet the Pioneer paid from (or was paid to): Pi's records, not ours.
      const mine = body.payments.find((p) => p.user_uid === uid);
      const address = mine?.direction === "user_to_app" ? mine.from_address : mine?.to_address;
      if (address) return address;
      throw new Error("no payment of this Pioneer at Pi yet");
    },
    /** Every transaction on the emulator's chain paying `to` (successful or not). */
    async chainPaymentsTo(to: string): Promise<ChainTransaction[]> {
      const { body } = await control<{ transactions: ChainTransaction[] }>("GET", "/control/horizon/transactions");
      return body.transactions.filter((t) => t.payments.some((p) => p.to === to));
    },
    /** Pi's app-to-user payments. */
    async piPayouts(): Promise<PaymentDto[]> {
      const { body } = await control<{ payments: PaymentDto[] }>("GET", "/control/payments");
      return body.payments.filter((p) => p.direction === "app_to_user");
    },
    async balance(publicKey: string): Promise<string> {
      return (await control<{ balance: string }>("GET", `/control/horizon/accounts/${publicKey}`)).body.balance;
    },
    /** How many times our server called `method path` at Pi or Horizon (paths with * per segment). */
    async callCount(method: string, pattern: RegExp): Promise<number> {
      return (await s.calls()).filter((c) => c.method === method && pattern.test(c.path)).length;
    },
  };
}

export async function payoutRow(id: string) {
  return (await (await getDb()).select().from(payouts).where(eq(payouts.id, id)))[0];
}

/** Empties the payout tables (and the wallet's lease) between tests. */
export async function clearPayouts() {
  const db = await getDb();
  await db.delete(payouts);
  await db.delete(payoutWallets);
}

/** A clock this far ahead of the real one, for a worker that must see leases and time bounds run out. */
export const ahead = (ms: number) => () => new Date(Date.now() + ms);
