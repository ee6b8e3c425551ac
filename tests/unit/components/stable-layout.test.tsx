import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrdersPage } from "@/components/orders";
import { Storefront } from "@/components/shop";
import { countOf, deferred, installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi } from "./render";

// What arrives after the first paint (the session, the orders) replaces a placeholder or appears
// whole, rather than pushing what a Pioneer already sees (Lighthouse's layout shift).

const products = [{ id: "coffee", name: "A coffee for the team", description: "Say thanks with a small tip.", price: "1", priceText: "1", delivers: { kind: "tip" } }] as const;
const unauthenticated = { status: 401, body: { error: { code: "unauthenticated", message: "Sign in with Pi first." } } };
const alice = { status: 200, body: { user: { uid: "u1", username: "alice" } } };
type Answer = { status: number; body: unknown };

afterEach(resetPage);

describe("Content that arrives after the first paint", () => {
  it("shows the shop's sign-in hint only once the session is known to be signed out", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    const session = deferred<Answer>();
    stubApi({ "GET /api/auth/session": () => session.promise });
    renderApp(<Storefront products={products} />);
    expect(screen.queryByText("Sign in with Pi to buy.")).toBeNull();
    session.resolve(unauthenticated);
    expect(await screen.findByText("Sign in with Pi to buy.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Buy A coffee for the team for 1 Pi" }).getAttribute("aria-describedby")).toBe("buy-hint");
  });

  it("never shows the hint to a returning Pioneer whose session is restored", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    stubApi({ "GET /api/auth/session": () => alice, "POST /api/payments/reconcile": nothingReconciled });
    renderApp(<Storefront products={products} />);
    expect(await screen.findByTestId("username")).toBeTruthy();
    expect(screen.queryByText("Sign in with Pi to buy.")).toBeNull();
  });

  it("shows what you own and the order history together, once the orders are in", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    const orders = deferred<Answer>();
    stubApi({
      "GET /api/auth/session": () => alice,
      "GET /api/orders": () => orders.promise,
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(<OrdersPage />);
    expect(await screen.findByText("Loading your orders…")).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "What you own" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Order history" })).toBeNull();
    orders.resolve({ status: 200, body: { orders: [], owned: [] } });
    expect(await screen.findByRole("heading", { name: "What you own" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Order history" })).toBeTruthy();
    expect(screen.queryByText("Loading your orders…")).toBeNull();
  });

  it("asks for the orders beside the session check, so /orders waits one round trip for both", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    const session = deferred<Answer>();
    const calls = stubApi({
      "GET /api/auth/session": () => session.promise,
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(<OrdersPage />);
    await vi.waitFor(() => expect(countOf(calls, "GET /api/orders")).toBe(1));
    expect(screen.getAllByText("Checking your session…").length).toBeGreaterThan(0);
    session.resolve(alice);
    expect(await screen.findByRole("heading", { name: "What you own" })).toBeTruthy();
  });

  it("shows nothing of the orders when the cookie's session turns out to be gone, and asks again after a sign-in", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    let signedIn = false;
    const calls = stubApi({
      "GET /api/auth/session": () => unauthenticated,
      "GET /api/orders": () => (signedIn ? { status: 200, body: { orders: [], owned: [] } } : unauthenticated),
      "POST /api/auth/signin": () => {
        signedIn = true;
        return { status: 200, body: { user: alice.body.user, sessionToken: "T".repeat(43) } };
      },
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(<OrdersPage />);
    expect(await screen.findByText("Sign in with Pi to see your orders and what you own.")).toBeTruthy();
    expect(countOf(calls, "GET /api/orders")).toBe(1);
    const shownErrors = () => screen.getAllByRole("alert").map((alert) => alert.textContent).filter(Boolean);
    expect(shownErrors()).toEqual([]);
    fireEvent.click(screen.getByRole("button", { name: "Sign in with Pi" }));
    expect(await screen.findByRole("heading", { name: "What you own" })).toBeTruthy();
    expect(shownErrors()).toEqual([]);
    expect(countOf(calls, "GET /api/orders")).toBeGreaterThanOrEqual(2);
  });
});
