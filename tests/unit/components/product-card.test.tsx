import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderHistory } from "@/components/order-history";
import { ProductCard } from "@/components/product-card";
import type { PiPaymentCallbacks } from "@/lib/pi/sdk-types";
import { countOf, deferred, installPi, renderWithSwr, stubApi, waitAdvancing } from "./render";

const product = { id: "pro-month", name: "Pro for a month", description: "All features.", price: "3.1415926" };
const order = { id: "order-1", productId: "pro-month", amount: 3.1415926, memo: "Pro for a month", status: "awaiting_payment" };
const unavailable = () => ({ status: 503, body: { error: { code: "pi_unavailable", message: "Pi's servers could not be reached. Please try again in a moment." } } });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const buyButton = () => screen.getByRole<HTMLButtonElement>("button", { name: "Buy Pro for a month for 3.1415926 Pi" });

/** Renders the card (and the order list it refreshes), then taps Buy; `wallet` plays Pi's part. */
function setup(wallet: (callbacks: PiPaymentCallbacks) => void, routes: Parameters<typeof stubApi>[0] = {}) {
  const createPayment = vi.fn((_data: unknown, callbacks: PiPaymentCallbacks) => wallet(callbacks));
  installPi({ createPayment });
  const calls = stubApi({
    "POST /api/orders": () => ({ status: 201, body: { order } }),
    "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
    "POST /api/payments/approve": () => ({ status: 200, body: { order: { ...order, status: "approved" } } }),
    "POST /api/payments/complete": () => ({ status: 200, body: { order: { ...order, status: "paid" } } }),
    "POST /api/payments/cancel": () => ({ status: 200, body: { order: { ...order, status: "cancelled" } } }),
    "POST /api/payments/reconcile": () => ({ status: 200, body: { orders: [] } }),
    ...routes,
  });
  renderWithSwr(
    <>
      <ProductCard product={product} canBuy />
      <OrderHistory />
    </>,
  );
  fireEvent.click(buyButton());
  return { createPayment, calls };
}

describe("ProductCard", () => {
  it("pays the server's order amount and announces each step until paid", async () => {
    let callbacks: PiPaymentCallbacks | undefined;
    const { createPayment, calls } = setup((c) => (callbacks = c));
    const status = screen.getByRole("status");
    expect(await screen.findByText("Confirm the payment in your Pi wallet.")).toBe(status);
    expect(createPayment).toHaveBeenCalledWith({ amount: 3.1415926, memo: "Pro for a month", metadata: { orderId: "order-1" } }, expect.anything());
    expect(calls.find((c) => c.route === "POST /api/orders")?.body).toEqual({ productId: "pro-month" });

    callbacks?.onReadyForServerApproval("pay-1");
    await vi.waitFor(() => expect(calls.some((c) => c.route === "POST /api/payments/approve")).toBe(true));
    callbacks?.onReadyForServerCompletion("pay-1", "tx-1");
    expect(await screen.findByText("Paid. Thank you!")).toBe(status);
    expect(calls.find((c) => c.route === "POST /api/payments/complete")?.body).toEqual({ paymentId: "pay-1", txid: "tx-1" });
    expect(buyButton().disabled).toBe(false);
  });

  it("announces a cancel from the wallet", async () => {
    setup((c) => c.onCancel("pay-2"));
    expect(await screen.findByText("Payment cancelled. Nothing was charged.")).toBeTruthy();
    expect(buyButton().disabled).toBe(false);
  });

  it("shows a refused approval but keeps Buy disabled until the wallet closes", async () => {
    let callbacks: PiPaymentCallbacks | undefined;
    setup(
      (c) => {
        callbacks = c;
        c.onReadyForServerApproval("pay-3");
      },
      { "POST /api/payments/approve": () => ({ status: 422, body: { error: { code: "amount_mismatch", message: "The payment amount does not match the order." } } }) },
    );
    expect(await screen.findByText("Payment failed: The payment amount does not match the order.")).toBeTruthy();
    expect(buyButton().disabled).toBe(true);

    callbacks?.onCancel("pay-3");
    expect(await screen.findByText("Payment cancelled. Nothing was charged.")).toBeTruthy();
    expect(buyButton().disabled).toBe(false);
  });

  it("treats an approve answer whose order is not approved as a failure", async () => {
    setup((c) => c.onReadyForServerApproval("pay-4"), {
      "POST /api/payments/approve": () => ({ status: 200, body: { order: { ...order, status: "cancelled" } } }),
    });
    expect(await screen.findByText(/Payment failed: This order was cancelled/)).toBeTruthy();
    expect(buyButton().disabled).toBe(true);
  });

  it("ignores the callbacks and late answers of an earlier purchase", async () => {
    const flows: PiPaymentCallbacks[] = [];
    const lateApproval = deferred<{ status: number; body: unknown }>();
    const { calls } = setup((c) => flows.push(c), { "POST /api/payments/approve": () => lateApproval.promise });
    await screen.findByText("Confirm the payment in your Pi wallet.");
    flows[0]?.onReadyForServerApproval("pay-old");
    flows[0]?.onError(new Error("The wallet closed."));
    expect(await screen.findByText("Payment failed: The wallet closed.")).toBeTruthy();

    fireEvent.click(buyButton());
    await vi.waitFor(() => expect(flows).toHaveLength(2));
    expect(await screen.findByText("Confirm the payment in your Pi wallet.")).toBeTruthy();
    const ordersBefore = countOf(calls, "GET /api/orders");
    lateApproval.resolve({ status: 422, body: { error: { code: "payment_cancelled", message: "Too late." } } });
    flows[0]?.onCancel("pay-old");
    flows[0]?.onReadyForServerCompletion("pay-old", "tx-old");

    // The late refusal still refreshes the order list, and changes nothing else.
    await vi.waitFor(() => expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(ordersBefore));
    expect(screen.getByRole("status").textContent).toBe("Confirm the payment in your Pi wallet.");
    expect(buyButton().disabled).toBe(true);
    expect(countOf(calls, "POST /api/payments/cancel")).toBe(0);
    expect(countOf(calls, "POST /api/payments/complete")).toBe(0);
  });

  it("asks again for a completion whose answer was lost", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const answers = [unavailable, unavailable, () => ({ status: 200, body: { order: { ...order, status: "paid" } } })];
    const { calls } = setup((c) => c.onReadyForServerCompletion("pay-5", "tx-5"), {
      "POST /api/payments/complete": () => (answers.shift() ?? unavailable)(),
    });
    await waitAdvancing(() => expect(screen.getByRole("status").textContent).toBe("Paid. Thank you!"));
    expect(countOf(calls, "POST /api/payments/complete")).toBe(3);
    expect(countOf(calls, "POST /api/payments/reconcile")).toBe(0);
  });

  it("after the last completion attempt fails, asks the server to reconcile and refreshes the orders", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let callbacks: PiPaymentCallbacks | undefined;
    const reconciled = deferred<{ status: number; body: unknown }>();
    const { calls } = setup(
      (c) => {
        callbacks = c;
        c.onReadyForServerCompletion("pay-6", "tx-6");
      },
      { "POST /api/payments/complete": unavailable, "POST /api/payments/reconcile": () => reconciled.promise },
    );
    // Pi repeats the callback meanwhile: the request in flight is already retrying.
    callbacks?.onReadyForServerCompletion("pay-6", "tx-6");
    await waitAdvancing(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
    expect(countOf(calls, "POST /api/payments/complete")).toBe(4);
    expect(calls.find((c) => c.route === "POST /api/payments/reconcile")?.body).toEqual({});
    const ordersBefore = countOf(calls, "GET /api/orders");
    reconciled.resolve({ status: 200, body: { orders: [{ ...order, status: "paid" }] } });
    await waitAdvancing(() => expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(ordersBefore));
    expect(screen.getByRole("status").textContent).toBe("Payment failed: Pi's servers could not be reached. Please try again in a moment.");
    // Pi's wallet is still open and still calling back.
    expect(buyButton().disabled).toBe(true);
  });
});
