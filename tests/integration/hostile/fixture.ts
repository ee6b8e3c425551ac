/** The world the hostile requests are thrown at, built once per database engine through the real routes. */
import { expect } from "vitest";
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
};

/** Alice with a paid order, an open one and a session she signed out of; Bob's and Carol's payments at Pi in every open state. */
export async function buildFixture(emulator: () => Emulator): Promise<Fixture> {
  const s = shop(emulator);
  const buy = async (pioneer: Pioneer, productId: string, steps: "approve" | "sign" | "complete") => {
    const payment = await s.payOrder(pioneer, await s.order(pioneer, productId));
    expect((await s.approve(pioneer, payment.identifier)).status).toBe(200);
    if (steps === "approve") return { id: payment.identifier, txid: "" };
    const txid = await s.sign(payment.identifier);
    if (steps === "complete") expect((await s.complete(pioneer, payment.identifier, txid)).status).toBe(200);
    return { id: payment.identifier, txid };
  };
  const alice = await s.pioneer("hostile-alice");
  await buy(alice, "coffee", "complete");
  await s.order(alice, "sticker-pack");
  const old = await s.pioneer("hostile-alice");
  expect((await call(signoutPOST, "POST", "/api/auth/signout", { token: old.sessionToken })).status).toBe(200);

  const bob = await s.pioneer("hostile-bob");
  const bobPaid = await buy(bob, "pro-month", "complete");
  const bobSigned = await buy(bob, "coffee", "sign");
  const carolApproved = await buy(await s.pioneer("hostile-carol"), "coffee", "approve");
  return {
    sessionToken: alice.sessionToken,
    revokedToken: old.sessionToken,
    accessToken: alice.accessToken,
    othersPaymentIds: [bobPaid.id, bobSigned.id, carolApproved.id],
    othersTxid: bobSigned.txid,
    piApiKey: emulator().apiKey,
  };
}
