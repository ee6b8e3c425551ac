import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderHistory } from "@/components/orders";
import { ProductCard } from "@/components/shop/product-card";
import type { PiAuthResult, PiPaymentCallbacks, PiSdkPayment } from "@/lib/pi/sdk-types";
import { countOf, deferred, installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi, waitAdvancing } from "./render";

const product = { id: "pro-month", name: "Pro for a month", description: "All features.", price: "3.1415926", priceText: "3.1415926", delivers: { kind: "subscription", days: 30 } } as const;
const order = { id: "order-1", productId: "pro-month", amount: 3.1415926, memo: "Pro for a month", status: "awaiting_payment" };
const unavailable = () => ({ status: 503, body: { error: { code: "pi_unavailable", message: "Pi's servers could not be reached. Please try again in a moment." } } });
const approved = () => ({ status: 200, body: { order: { ...order, status: "approved" } } });
const settling = "Your payment went through. We're finishing your order; it will show as paid shortly.";

afterEach(resetPage);

const buyButton = () => screen.getByRole<HTMLButtonElement>("button", { name: /^Buy (again )?Pro for a month for 3\.1415926 Pi$/ });
const payingButton = () => screen.getByRole<HTMLButtonElement>("button", { name: "Paying for Pro for a month" });
const purchaseStatus = () => screen.getByTestId("purchase-status-pro-month");
const statusText = () => purchaseStatus().textContent;
const paid = "Paid. Thank you! It's in What you own.";

/**
 * Renders the card (and the order list it refreshes) for a restored session, waits for the app's
 * open-time checks (one reconcile), then taps Buy; `wallet` plays Pi's part.
 */
async function setup(wallet: (callbacks: PiPaymentCallbacks) => void, routes: Parameters<typeof stubApi>[0] = {}, authenticate = piSignsIn("u1")) {
  const createPayment = vi.fn((_data: unknown, callbacks: PiPaymentCallbacks) => wallet(callbacks));
  installPi({ createPayment, authenticate });
  const calls = stubApi({
    "POST /api/orders": () => ({ status: 201, body: { order } }),
    "GET /api/auth/session": () => ({ status: 200, body: { user: { uid: "u1", username: "alice" } } }),
    "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
    "POST /api/payments/approve": approved,
    "POST /api/payments/complete": () => ({ status: 200, body: { order: { ...order, status: "paid" } } }),
    "POST /api/payments/cancel": () => ({ status: 200, body: { order: { ...order, status: "cancelled" } } }),
    "POST /api/payments/reconcile": nothingReconciled,
    ...routes,
  });
  renderApp(
    <>
      <ProductCard product={product} canBuy />
      <OrderHistory />
    </>,
  );
  await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
  fireEvent.click(buyButton());
  return { createPayment, authenticate, calls };
}

describe("ProductCard", () => {
  it("pays the server's order amount and announces each step until paid", async () => {
    let callbacks: PiPaymentCallbacks | undefined;
    // The server's terms differ from what the card shows: only the server's may reach Pi.
    const serverOrder = { ...order, amount: 2, memo: "Server memo" };
    const { createPayment, calls } = await setup((c) => (callbacks = c), { "POST /api/orders": () => ({ status: 201, body: { order: serverOrder } }) });
    const status = purchaseStatus();
    expect(await screen.findByText("Confirm the payment in your Pi wallet.")).toBe(status);
    expect(createPayment).toHaveBeenCalledWith({ amount: 2, memo: "Server memo", metadata: { orderId: "order-1" } }, expect.anything());
    expect(calls.find((c) => c.route === "POST /api/orders")?.body).toEqual({ productId: "pro-month" });

    callbacks?.onReadyForServerApproval("pay-1");
    await vi.waitFor(() => expect(calls.some((c) => c.route === "POST /api/payments/approve")).toBe(true));
    callbacks?.onReadyForServerCompletion("pay-1", "tx-1");
    expect(await screen.findByText(paid)).toBe(status);
    expect(calls.find((c) => c.route === "POST /api/payments/complete")?.body).toEqual({ paymentId: "pay-1", txid: "tx-1" });
    expect(buyButton().disabled).toBe(false);
  });

  it("names the button by what it shows: Buy when idle, Paying while a purchase runs", async () => {
    let callbacks: PiPaymentCallbacks | undefined;
    await setup((c) => (callbacks = c));
    await screen.findByText("Confirm the payment in your Pi wallet.");
    expect(payingButton().disabled).toBe(true);
    expect(payingButton().textContent).toBe("Paying…");
    callbacks?.onCancel("pay-1");
    await vi.waitFor(() => expect(buyButton().disabled).toBe(false));
  });

  it("waits for Pi.authenticate before creating the order and the payment, and reuses it for the next purchase", async () => {
    const auth = deferred<PiAuthResult>();
    const authenticate = vi.fn(() => auth.promise);
    const { createPayment, calls } = await setup((c) => c.onCancel("pay-1"), {}, authenticate);
    await vi.waitFor(() => expect(authenticate).toHaveBeenCalledTimes(1));
    expect(statusText()).toBe("Connecting to Pi…");
    expect(countOf(calls, "POST /api/orders")).toBe(0);
    expect(createPayment).not.toHaveBeenCalled();

    auth.resolve({ accessToken: "a", user: { uid: "u1" } });
    expect(await screen.findByText("Payment cancelled. Nothing was charged.")).toBeTruthy();
    fireEvent.click(buyButton());
    await vi.waitFor(() => expect(createPayment).toHaveBeenCalledTimes(2));
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it("says so when the Pioneer declines in Pi while signed in, says why Buy failed, and asks Pi again at the next Buy", async () => {
    const declined = new Error("User cancelled");
    const authenticate = vi.fn().mockRejectedValueOnce(declined).mockRejectedValueOnce(declined).mockResolvedValue({ accessToken: "a", user: { uid: "u1" } });
    const createPayment = vi.fn((_data: unknown, callbacks: PiPaymentCallbacks) => callbacks.onCancel("pay-1"));
    installPi({ createPayment, authenticate });
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 200, body: { user: { uid: "u1", username: "alice" } } }),
      "POST /api/orders": () => ({ status: 201, body: { order } }),
      "POST /api/payments/cancel": () => ({ status: 200, body: { order: { ...order, status: "cancelled" } } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(<ProductCard product={product} canBuy />);
    // The open-time Pi.authenticate of a restored session: declined, and the Pioneer is told.
    await vi.waitFor(() => expect(screen.getByTestId("session-error").textContent).toBe("You declined in Pi. Pi will ask again when you buy something."));

    fireEvent.click(buyButton());
    expect(await screen.findByText(/Payment failed: Sign-in was cancelled in Pi/)).toBeTruthy();
    expect(countOf(calls, "POST /api/orders")).toBe(0);

    fireEvent.click(buyButton());
    await vi.waitFor(() => expect(createPayment).toHaveBeenCalledTimes(1));
    expect(authenticate).toHaveBeenCalledTimes(3);
  });

  it("announces a cancel from the wallet", async () => {
    await setup((c) => c.onCancel("pay-2"));
    expect(await screen.findByText("Payment cancelled. Nothing was charged.")).toBeTruthy();
    expect(buyButton().disabled).toBe(false);
  });

  it.each([
    ["a cancel in the wallet", (c: PiPaymentCallbacks) => c.onCancel("pay-late"), "Payment cancelled. Nothing was charged."],
    ["Pi's onError", (c: PiPaymentCallbacks) => c.onError(new Error("The wallet closed.")), "Payment failed: Pi stopped this payment. If your wallet shows it as paid, it will appear in your orders."],
  ])("after %s, a late approve answer only refreshes the orders", async (_name, endFlow, message) => {
    let callbacks: PiPaymentCallbacks | undefined;
    const lateApproval = deferred<{ status: number; body: unknown }>();
    const { calls } = await setup((c) => (callbacks = c), { "POST /api/payments/approve": () => lateApproval.promise });
    await screen.findByText("Confirm the payment in your Pi wallet.");
    callbacks?.onReadyForServerApproval("pay-late");
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/approve")).toBe(1));
    if (callbacks) endFlow(callbacks);
    expect(await screen.findByText(message)).toBeTruthy();
    // Let the end's own requests settle, so only the late answer can refresh the orders below.
    await new Promise((resolve) => setTimeout(resolve, 50));

    const ordersBefore = countOf(calls, "GET /api/orders");
    lateApproval.resolve(approved());
    await vi.waitFor(() => expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(ordersBefore));
    expect(statusText()).toBe(message);
    expect(buyButton().disabled).toBe(false);
  });

  it("keeps the purchase going when approval fails transiently, and each repeat of Pi's callback reaches the server", async () => {
    let callbacks: PiPaymentCallbacks | undefined;
    const answers = [unavailable, approved];
    const { calls } = await setup(
      (c) => {
        callbacks = c;
        c.onReadyForServerApproval("pay-7");
      },
      { "POST /api/payments/approve": () => (answers.shift() ?? approved)() },
    );
    expect(await screen.findByText("The approval is slow to go through; retrying…")).toBeTruthy();
    expect(payingButton().disabled).toBe(true);

    callbacks?.onReadyForServerApproval("pay-7");
    expect(await screen.findByText("Confirm the payment in your Pi wallet.")).toBeTruthy();
    expect(countOf(calls, "POST /api/payments/approve")).toBe(2);
    callbacks?.onReadyForServerCompletion("pay-7", "tx-7");
    expect(await screen.findByText(paid)).toBeTruthy();
  });

  it("ends the purchase on a refused approval: the server's message, and Buy again", async () => {
    let callbacks: PiPaymentCallbacks | undefined;
    const { calls } = await setup(
      (c) => {
        callbacks = c;
        c.onReadyForServerApproval("pay-3");
      },
      { "POST /api/payments/approve": () => ({ status: 422, body: { error: { code: "amount_mismatch", message: "The payment amount does not match the order." } } }) },
    );
    expect(await screen.findByText("Payment failed: The payment amount does not match the order.")).toBeTruthy();
    expect(buyButton().disabled).toBe(false);

    // Pi's later callbacks for it: asking again changes nothing; a cancel is still recorded.
    callbacks?.onReadyForServerApproval("pay-3");
    callbacks?.onCancel("pay-3");
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/cancel")).toBe(1));
    expect(countOf(calls, "POST /api/payments/approve")).toBe(1);
    expect(statusText()).toBe("Payment failed: The payment amount does not match the order.");
  });

  it("treats an approve answer whose order is not approved as a failure", async () => {
    await setup((c) => c.onReadyForServerApproval("pay-4"), {
      "POST /api/payments/approve": () => ({ status: 200, body: { order: { ...order, status: "cancelled" } } }),
    });
    expect(await screen.findByText(/Payment failed: This order was cancelled/)).toBeTruthy();
    expect(buyButton().disabled).toBe(false);
  });

  it("says a previous payment is being finished when Pi refuses a new one for it", async () => {
    await setup((c) => c.onError(new Error("A pending payment needs to be handled first")));
    expect(await screen.findByText("Payment failed: Finishing your previous payment first. Try again in a moment.")).toBeTruthy();
    expect(buyButton().disabled).toBe(false);
  });

  it("reports the purchase's own payment as cancelled when Pi's error about it happens to mention pending", async () => {
    const { calls } = await setup((c) => {
      c.onReadyForServerApproval("pay-own");
      c.onError(new Error("The payment is still pending on the blockchain."), { identifier: "pay-own" });
    });
    expect(await screen.findByText("Payment failed: Pi stopped this payment. If your wallet shows it as paid, it will appear in your orders.")).toBeTruthy();
    await vi.waitFor(() => expect(calls.filter((c) => c.route === "POST /api/payments/cancel").map((c) => c.body)).toEqual([{ paymentId: "pay-own" }]));
  });

  it("says the same when Pi hands over the earlier payment with the error, and does not report that one as cancelled", async () => {
    const earlier: PiSdkPayment = { identifier: "earlier-paid-payment" };
    const { calls } = await setup((c) => c.onError(new Error("You already have a pending payment on this app, which needs an action from the developer."), earlier));
    expect(await screen.findByText("Payment failed: Finishing your previous payment first. Try again in a moment.")).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(countOf(calls, "POST /api/payments/cancel")).toBe(0);
  });

  it("ignores the callbacks and late answers of an earlier purchase", async () => {
    const flows: PiPaymentCallbacks[] = [];
    const lateApproval = deferred<{ status: number; body: unknown }>();
    const { calls } = await setup((c) => flows.push(c), { "POST /api/payments/approve": () => lateApproval.promise });
    await screen.findByText("Confirm the payment in your Pi wallet.");
    flows[0]?.onReadyForServerApproval("pay-old");
    flows[0]?.onError(new Error("The wallet closed."));
    expect(await screen.findByText("Payment failed: Pi stopped this payment. If your wallet shows it as paid, it will appear in your orders.")).toBeTruthy();

    fireEvent.click(buyButton());
    await vi.waitFor(() => expect(flows).toHaveLength(2));
    expect(await screen.findByText("Confirm the payment in your Pi wallet.")).toBeTruthy();
    const ordersBefore = countOf(calls, "GET /api/orders");
    lateApproval.resolve({ status: 422, body: { error: { code: "payment_cancelled", message: "Too late." } } });
    flows[0]?.onCancel("pay-old");
    flows[0]?.onReadyForServerCompletion("pay-old", "tx-old");

    // The late refusal still refreshes the order list, and changes nothing else.
    await vi.waitFor(() => expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(ordersBefore));
    expect(statusText()).toBe("Confirm the payment in your Pi wallet.");
    expect(payingButton().disabled).toBe(true);
    expect(countOf(calls, "POST /api/payments/cancel")).toBe(0);
    expect(countOf(calls, "POST /api/payments/complete")).toBe(0);
  });

  it("asks again for a completion whose answer was lost", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const answers = [unavailable, unavailable, () => ({ status: 200, body: { order: { ...order, status: "paid" } } })];
    const { calls } = await setup((c) => c.onReadyForServerCompletion("pay-5", "tx-5"), {
      "POST /api/payments/complete": () => (answers.shift() ?? unavailable)(),
    });
    await waitAdvancing(() => expect(statusText()).toBe(paid));
    expect(countOf(calls, "POST /api/payments/complete")).toBe(3);
    // Only the app's open-time reconcile: the purchase needed none.
    expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1);
  });

  it("after the last completion attempt fails, says the payment went through, reconciles and refreshes the orders", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let callbacks: PiPaymentCallbacks | undefined;
    const reconciled = deferred<{ status: number; body: unknown }>();
    const { calls } = await setup(
      (c) => {
        callbacks = c;
        c.onReadyForServerCompletion("pay-6", "tx-6");
      },
      { "POST /api/payments/complete": unavailable, "POST /api/payments/reconcile": () => reconciled.promise },
    );
    // Pi repeats the callback meanwhile: the request in flight is already retrying.
    callbacks?.onReadyForServerCompletion("pay-6", "tx-6");
    // The app's open-time reconcile, then the purchase's own.
    await waitAdvancing(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(2));
    expect(countOf(calls, "POST /api/payments/complete")).toBe(4);
    expect(calls.find((c) => c.route === "POST /api/payments/reconcile")?.body).toEqual({});
    expect(statusText()).toBe(settling);
    expect(buyButton().disabled).toBe(false);

    const ordersBefore = countOf(calls, "GET /api/orders");
    reconciled.resolve({ status: 200, body: { orders: [{ ...order, status: "paid" }] } });
    await waitAdvancing(() => expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(ordersBefore));
    // The purchase has ended: Pi's later repeats do not start it again.
    callbacks?.onReadyForServerCompletion("pay-6", "tx-6");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(countOf(calls, "POST /api/payments/complete")).toBe(4);
    expect(statusText()).toBe(settling);
  });

  it("after the Pioneer signed, an error from Pi neither fails the purchase nor reports the paid payment cancelled", async () => {
    const completed = deferred<{ status: number; body: unknown }>();
    const { calls } = await setup(
      (c) => {
        c.onReadyForServerCompletion("pay-9", "tx-9");
        c.onError(new Error("The app did not complete the payment in time."), { identifier: "pay-9" });
      },
      { "POST /api/payments/complete": () => completed.promise },
    );
    completed.resolve({ status: 200, body: { order: { ...order, status: "paid" } } });
    await vi.waitFor(() => expect(statusText()).toBe(paid));
    expect(countOf(calls, "POST /api/payments/cancel")).toBe(0);
  });

  it("when the completion is turned away for too many requests, says the payment went through rather than failed", async () => {
    const { calls } = await setup((c) => c.onReadyForServerCompletion("pay-10", "tx-10"), {
      "POST /api/payments/complete": () => ({ status: 429, body: { error: { code: "rate_limited", message: "Too many requests. Try again in 30 s." } } }),
    });
    await vi.waitFor(() => expect(statusText()).toBe(settling));
    expect(buyButton().disabled).toBe(false);
    // The app's open-time reconcile, then the purchase's own.
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(2));
  });

  it("when the server refuses the completion, says why instead of promising the order", async () => {
    const { calls } = await setup((c) => c.onReadyForServerCompletion("pay-7", "not-the-payments-txid"), {
      "POST /api/payments/complete": () => ({ status: 422, body: { error: { code: "txid_mismatch", message: "This transaction is not the payment's own." } } }),
    });
    await vi.waitFor(() => expect(statusText()).toBe("Payment failed: This transaction is not the payment's own."));
    expect(countOf(calls, "POST /api/payments/complete")).toBe(1);
  });

  it("does not call a purchase paid unless the server's order says paid", async () => {
    await setup((c) => c.onReadyForServerCompletion("pay-8", "tx-8"), {
      "POST /api/payments/complete": () => ({ status: 200, body: { order: { ...order, status: "approved" } } }),
    });
    await vi.waitFor(() => expect(statusText()).toMatch(/^Payment failed: The app's server did not confirm this purchase/));
  });
});
