// @vitest-environment node
import { describe, expect, it } from "vitest";
import { toPiPayment, toPioneer } from "@/lib/pi/mappers";
import { paymentDtoSchema, piErrorBodySchema, userDtoSchema } from "@/lib/pi/schemas";
import { legacyPaymentDtoFixture, paymentDtoFixture, userDtoFixture } from "../../fixtures/pi-dtos";

describe("Pi wire schemas", () => {
  it("parse the documented PaymentDTO and keep fields Pi adds later", () => {
    const parsed = paymentDtoSchema.parse({ ...paymentDtoFixture, split_recipients: [] });
    expect(parsed.identifier).toBe(paymentDtoFixture.identifier);
    expect(parsed).toHaveProperty("split_recipients");
  });

  it("parse a 2022 payload, whose missing direction and network the mapper leaves empty", () => {
    const payment = toPiPayment(paymentDtoSchema.parse(legacyPaymentDtoFixture));
    expect(payment.direction).toBeNull();
    expect(payment.network).toBeNull();
    expect(payment.txid).toBeNull();
  });

  it("reject a payment without its status flags or with a non-numeric amount", () => {
    expect(paymentDtoSchema.safeParse({ ...paymentDtoFixture, status: undefined }).success).toBe(false);
    expect(paymentDtoSchema.safeParse({ ...paymentDtoFixture, amount: "3.14" }).success).toBe(false);
    expect(paymentDtoSchema.safeParse("<html>500</html>").success).toBe(false);
  });

  it("parse UserDTO and Pi's error body", () => {
    expect(toPioneer(userDtoSchema.parse(userDtoFixture))).toEqual({ uid: userDtoFixture.uid, username: "alice" });
    expect(toPioneer(userDtoSchema.parse({ uid: "u1" }))).toEqual({ uid: "u1", username: null });
    expect(userDtoSchema.safeParse({ username: "alice" }).success).toBe(false);
    expect(piErrorBodySchema.parse({ error: "already_completed", error_message: "x" }).error).toBe("already_completed");
  });
});

describe("payment mapper", () => {
  it("reads the order id from metadata and the txid from Pi's transaction", () => {
    const payment = toPiPayment(paymentDtoSchema.parse(paymentDtoFixture));
    expect(payment).toMatchObject({
      id: paymentDtoFixture.identifier,
      orderId: paymentDtoFixture.metadata.orderId,
      txid: paymentDtoFixture.transaction.txid,
      approved: true,
      completed: false,
    });
  });

  it("reads the txid of a transaction Pi sends without its verified flag or link", () => {
    const transaction = { txid: paymentDtoFixture.transaction.txid };
    expect(toPiPayment(paymentDtoSchema.parse({ ...paymentDtoFixture, transaction })).txid).toBe(transaction.txid);
  });

  it("counts a payment the Pioneer cancelled as cancelled", () => {
    const status = { ...paymentDtoFixture.status, cancelled: false, user_cancelled: true };
    expect(toPiPayment(paymentDtoSchema.parse({ ...paymentDtoFixture, status })).cancelled).toBe(true);
  });

  it("ignores an order id that is not a string", () => {
    for (const metadata of [null, "x", { orderId: 5 }, { orderId: { $ne: 1 } }, []]) {
      expect(toPiPayment(paymentDtoSchema.parse({ ...paymentDtoFixture, metadata })).orderId).toBeNull();
    }
  });
});
