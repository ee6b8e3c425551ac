import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProductCard } from "@/components/product-card";
import type { PiPaymentCallbacks } from "@/lib/pi/sdk-types";
import { installPi, renderWithSwr, stubApi } from "./render";

const product = { id: "pro-month", name: "Pro for a month", description: "All features.", price: "3.1415926" };
const order = { id: "order-1", productId: "pro-month", amount: 3.1415926, memo: "Pro for a month", status: "awaiting_payment" };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function setup(wallet: (callbacks: PiPaymentCallbacks) => void, routes: Parameters<typeof stubApi>[0] = {}) {
  const createPayment = vi.fn((_data: unknown, callbacks: PiPaymentCallbacks) => wallet(callbacks));
  installPi({ createPayment });
  const calls = stubApi({
    "POST /api/orders": () => ({ status: 201, body: { order } }),
    "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
    "POST /api/payments/approve": () => ({ status: 200, body: { order: { ...order, status: "approved" } } }),
    "POST /api/payments/complete": () => ({ status: 200, body: { order: { ...order, status: "paid" } } }),
    "POST /api/payments/cancel": () => ({ status: 200, body: { order: { ...order, status: "cancelled" } } }),
    ...routes,
  });
  renderWithSwr(<ProductCard product={product} canBuy />);
  fireEvent.click(screen.getByRole("button", { name: "Buy Pro for a month for 3.1415926 Pi" }));
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
  });

  it("announces a cancel from the wallet", async () => {
    setup((c) => c.onCancel("pay-2"));
    expect(await screen.findByText("Payment cancelled. Nothing was charged.")).toBeTruthy();
  });

  it("announces the server's reason when approval is refused", async () => {
    setup((c) => c.onReadyForServerApproval("pay-3"), {
      "POST /api/payments/approve": () => ({ status: 422, body: { error: { code: "amount_mismatch", message: "The payment amount does not match the order." } } }),
    });
    expect(await screen.findByText("Payment failed: The payment amount does not match the order.")).toBeTruthy();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: /Buy Pro/ }).disabled).toBe(false);
  });
});
