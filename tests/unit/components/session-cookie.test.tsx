import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { countOf, deferred, frameThePage, installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi } from "./render";

// The root layout tells the session what the page's request carried. Without a session cookie the
// server's answer is known (a fresh page holds no bearer token), so nothing is asked of it.

const token = "T".repeat(43);
const carol = { uid: "u3", username: "carol" };
const signedOut = () => ({ status: 401, body: { error: { code: "signed_out", message: "You signed out on this device." } } });

afterEach(resetPage);

describe("A page requested without a session cookie", () => {
  it("offers Sign in with Pi from its first render and asks the server nothing", async () => {
    installPi({ authenticate: piSignsIn("u3") });
    const calls = stubApi({});
    renderApp(undefined, "none");
    expect(screen.getByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual([]);
  });

  it("signs in on a tap without asking for the session it was just given, and signs out as usual", async () => {
    installPi({ authenticate: piSignsIn("u3") });
    const calls = stubApi({
      "POST /api/auth/signin": () => ({ status: 200, body: { user: carol, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
      "POST /api/auth/signout": () => ({ status: 200, body: { signedOut: true } }),
      "GET /api/auth/session": signedOut,
    });
    renderApp(undefined, "none");
    fireEvent.click(screen.getByRole("button", { name: "Sign in with Pi" }));
    expect((await screen.findByTestId("username")).textContent).toBe("carol");
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
    expect(countOf(calls, "GET /api/auth/session")).toBe(0);

    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    expect(countOf(calls, "GET /api/auth/session")).toBe(1);
    expect(screen.getByRole("alert").textContent).toBe("");
  });

  it("restores a session silently in a framed page (iOS Pi Browser drops the cookie)", async () => {
    frameThePage();
    const authenticate = piSignsIn("u3");
    installPi({ authenticate });
    const calls = stubApi({
      "POST /api/auth/signin": () => ({ status: 200, body: { user: carol, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(undefined, "none");
    expect((await screen.findByTestId("username")).textContent).toBe("carol");
    expect(countOf(calls, "POST /api/auth/signin")).toBe(1);
    expect(countOf(calls, "GET /api/auth/session")).toBe(0);
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it("with only the signed-out mark, waits for a tap even framed in a browser that signed in before", async () => {
    frameThePage();
    window.localStorage.setItem("pi-app:signed-in-before", "1");
    const authenticate = piSignsIn("u3");
    installPi({ authenticate });
    const calls = stubApi({});
    renderApp(undefined, "signed-out");
    expect(screen.getByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(authenticate).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });
});

describe("A page whose session cookie the server found live", () => {
  it("shows the Pioneer from its first render without asking for the session again", async () => {
    installPi({});
    const calls = stubApi({
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(undefined, "session", { user: carol, admin: false });
    expect(screen.getByTestId("username").textContent).toBe("carol");
    expect(screen.queryByText("Checking your session…")).toBeNull();
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/reconcile")).toBe(1));
    expect(countOf(calls, "GET /api/auth/session")).toBe(0);
  });

  it("signs out at once: the Pioneer the page was rendered for is gone before the server confirms", async () => {
    installPi({});
    const confirmation = deferred<{ status: number; body: unknown }>();
    const calls = stubApi({
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
      "POST /api/auth/signout": () => ({ status: 200, body: { signedOut: true } }),
      "GET /api/auth/session": () => confirmation.promise,
    });
    renderApp(undefined, "session", { user: carol, admin: false });
    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await vi.waitFor(() => expect(countOf(calls, "GET /api/auth/session")).toBe(1));
    expect(screen.queryByTestId("username")).toBeNull();
    confirmation.resolve(signedOut());
    expect(await screen.findByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    expect(screen.queryByTestId("username")).toBeNull();
  });
});
