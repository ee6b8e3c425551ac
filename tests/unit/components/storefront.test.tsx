import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderHistory } from "@/components/orders";
import { Storefront } from "@/components/shop";
import type { PiAuthResult } from "@/lib/pi/sdk-types";
import { countOf, deferred, installPi, nothingReconciled, renderApp, resetPage, stubApi } from "./render";

const products = [{ id: "coffee", name: "A coffee for the team", description: "Say thanks with a small tip.", price: "1", priceText: "1", delivers: { kind: "tip" } }] as const;
const alice = { uid: "u1", username: "alice" };

afterEach(resetPage);

const renderShop = () =>
  renderApp(
    <>
      <Storefront products={products} />
      <OrderHistory />
    </>,
  );

describe("The shop page", () => {
  it("runs the open-time checks of a restored session once, however many components read it", async () => {
    const authenticate = vi.fn((_scopes: string[], onIncompletePaymentFound: (payment: { identifier: string }) => void) => {
      onIncompletePaymentFound({ identifier: "stuck-payment" });
      return Promise.resolve({ accessToken: "a", user: { uid: "u1" } });
    });
    installPi({ authenticate });
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 200, body: { user: alice } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/incomplete": () => ({ status: 200, body: { outcome: "cancelled", order: null, needsReview: false } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderShop();
    expect((await screen.findByTestId("username")).textContent).toBe("alice");
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/incomplete")).toBe(1));
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it("restores a lost session with one silent sign-in", async () => {
    window.localStorage.setItem("pi-app:signed-in-before", "1");
    const authenticate = vi.fn(() => Promise.resolve({ accessToken: "again", user: { uid: "u1" } }));
    installPi({ authenticate });
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 401, body: { error: { code: "unauthenticated", message: "Sign in with Pi first." } } }),
      "POST /api/auth/signin": () => ({ status: 200, body: { user: alice, sessionToken: "T".repeat(43) } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderShop();
    expect((await screen.findByTestId("username")).textContent).toBe("alice");
    expect(countOf(calls, "POST /api/auth/signin")).toBe(1);
    expect(authenticate).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
  });

  it("refreshes the orders once the server has reconciled them, and shrugs off a failed reconcile", async () => {
    installPi({ authenticate: () => Promise.resolve({ accessToken: "a", user: { uid: "u1" } }) });
    const answer = deferred<{ status: number; body: unknown }>();
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 200, body: { user: alice } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": () => answer.promise,
    });
    renderShop();
    expect(await screen.findByText("No orders yet.")).toBeTruthy();
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
    expect(calls.find((c) => c.route === "POST /api/payments/reconcile")?.body).toEqual({});
    const ordersBefore = countOf(calls, "GET /api/orders");
    answer.resolve({ status: 500, body: { error: { code: "internal_error", message: "Something went wrong on our side." } } });
    await vi.waitFor(() => expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(ordersBefore));
    expect(screen.queryByText("Something went wrong on our side.")).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>("button", { name: /Buy A coffee/ }).disabled).toBe(false);
  });

  it("lets Buy on a restored session wait for the open-time Pi.authenticate instead of paying before it", async () => {
    const auth = deferred<PiAuthResult>();
    const authenticate = vi.fn(() => auth.promise);
    const createPayment = vi.fn();
    installPi({ authenticate, createPayment });
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 200, body: { user: alice } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/orders": () => ({ status: 201, body: { order: { id: "order-1", productId: "coffee", amount: 1, memo: "A coffee for the team", status: "awaiting_payment" } } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderShop();
    // Buy is enabled once the session is restored, before Pi.authenticate has answered.
    const buy = await screen.findByRole<HTMLButtonElement>("button", { name: "Buy A coffee for the team for 1 Pi" });
    await vi.waitFor(() => expect(buy.disabled).toBe(false));
    fireEvent.click(buy);
    expect(await screen.findByText("Connecting to Pi…")).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(createPayment).not.toHaveBeenCalled();
    expect(countOf(calls, "POST /api/orders")).toBe(0);

    auth.resolve({ accessToken: "a", user: { uid: "u1" } });
    await vi.waitFor(() => expect(createPayment).toHaveBeenCalledTimes(1));
    expect(authenticate).toHaveBeenCalledTimes(1);
  });
});
