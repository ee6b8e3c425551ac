/** The world the hostile requests are thrown at, built once per database engine through the real routes. */
import { expect } from "vitest";
import { POST as rewardsPOST } from "@/app/api/ads/rewards/route";
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { POST as signoutPOST } from "@/app/api/auth/signout/route";
import { call, type Emulator } from "../../helpers/app";
import { shop, type Pioneer } from "../../helpers/shop";

/** What the generators attack with: a live session, and ids that exist at Pi but are not the caller's. */
export type Fixture = {
  /** Alice's live session token: requests carrying it exercise the authenticated paths. */
  sessionToken: string;
  /** A session of Alice's that she signed out of. */
  revokedToken: string;
  /** Alice's Pi access token (for /me), never a session token. */
  accessToken: string;
  /** Real payments and a txid at Pi that belong to other Pioneers. */
  othersPaymentIds: readonly string[];
  othersTxid: string;
  piApiKey: string;
  /** A session of the Pioneer in ADMIN_UIDS (hostileAdminUid). */
  adminToken: string;
  /** Paid orders (Alice's and Bob's) and Alice's unpaid one: what a refund could name. */
  paidOrderIds: readonly string[];
  openOrderIds: readonly string[];
  /** A rewarded ad Bob already claimed, and ads Pi's ad network revoked or failed. */
  othersAdId: string;
  refusedAdIds: readonly string[];
};

/** The admin of the hostile suite (ADMIN_UIDS in its environment). */
export const hostileAdminUid = "00000000-0000-4000-8000-0000000000ac";

/** Alice with a paid order, an open one and a session she signed out of; Bob's and Carol's payments at Pi in every open state. */
export async function buildFixture(emulator: () => Emulator): Promise<Fixture> {
  const s = shop(emulator);
  const buy = async (pioneer: Pioneer, productId: string, steps: "approve" | "sign" | "complete") => {
    const order = await s.order(pioneer, productId);
    const payment = await s.payOrder(pioneer, order);
    expect((await s.approve(pioneer, payment.identifier)).status).toBe(200);
    if (steps === "approve") return { id: payment.identifier, txid: "", orderId: order.id };
    const txid = await s.sign(payment.identifier);
    if (steps === "complete") expect((await s.complete(pioneer, payment.identifier, txid)).status).toBe(200);
    return { id: payment.identifier, txid, orderId: order.id };
  };
  const alice = await s.pioneer("hostile-alice");
  const alicePaid = await buy(alice, "coffee", "complete");
  const aliceOpen = await s.order(alice, "sticker-pack");
  const old = await s.pioneer("hostile-alice");
  expect((await call(signoutPOST, "POST", "/api/auth/signout", { token: old.sessionToken })).status).toBe(200);

  const bob = await s.pioneer("hostile-bob");
  const bobPaid = await buy(bob, "pro-month", "complete");
  const bobSigned = await buy(bob, "coffee", "sign");
  const carolApproved = await buy(await s.pioneer("hostile-carol"), "coffee", "approve");

  const admin = await emulator().control<{ accessToken: string }>("POST", "/control/users", { username: "hostile-admin", uid: hostileAdminUid });
  const adminSignin = await call<{ sessionToken: string }>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: admin.body.accessToken } });
  const ad = async (status: string) => (await emulator().control<{ adId: string }>("POST", "/control/ads", { status })).body.adId;
  const othersAdId = await ad("granted");
  expect((await call(rewardsPOST, "POST", "/api/ads/rewards", { token: bob.sessionToken, body: { adId: othersAdId } })).status).toBe(200);
  return {
    sessionToken: alice.sessionToken,
    revokedToken: old.sessionToken,
    accessToken: alice.accessToken,
    othersPaymentIds: [bobPaid.id, bobSigned.id, carolApproved.id],
    othersTxid: bobSigned.txid,
    piApiKey: emulator().apiKey,
    adminToken: adminSignin.body.sessionToken,
    paidOrderIds: [alicePaid.orderId, bobPaid.orderId],
    openOrderIds: [aliceOpen.id, carolApproved.orderId],
    othersAdId,
    refusedAdIds: [await ad("revoked"), await ad("failed")],
  };
}
