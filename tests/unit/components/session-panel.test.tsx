import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionPanel } from "@/components/session-panel";
import { setSessionToken } from "@/lib/client/api";
import { configurePiSdk } from "@/lib/pi/sdk";
import { installPi, renderWithSwr, stubApi } from "./render";

const unauthenticated = () => ({ status: 401, body: { error: { code: "unauthenticated", message: "Sign in with Pi first." } } });
const token = "T".repeat(43);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setSessionToken(null);
  window.localStorage.clear();
});

describe("SessionPanel", () => {
  it("shows the Pioneer of an existing session without signing in again", async () => {
    installPi({ authenticate: () => Promise.resolve({ accessToken: "a", user: { uid: "u1" } }) });
    const calls = stubApi({ "GET /api/auth/session": () => ({ status: 200, body: { user: { uid: "u1", username: "alice" } } }) });
    renderWithSwr(<SessionPanel />);
    expect((await screen.findByTestId("username")).textContent).toBe("alice");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeTruthy();
    expect(calls.map((c) => c.route)).not.toContain("POST /api/auth/signin");
  });

  it("resolves an incomplete payment Pi reports when the app opens with a session", async () => {
    installPi({
      authenticate: (_scopes, onIncompletePaymentFound) => {
        onIncompletePaymentFound({ identifier: "stuck-payment" });
        return Promise.resolve({ accessToken: "a", user: { uid: "u1" } });
      },
    });
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 200, body: { user: { uid: "u1", username: "alice" } } }),
      "POST /api/payments/incomplete": () => ({ status: 200, body: { outcome: "completed", order: null, needsReview: false } }),
    });
    renderWithSwr(<SessionPanel />);
    await vi.waitFor(() => expect(calls.find((c) => c.route === "POST /api/payments/incomplete")?.body).toEqual({ paymentId: "stuck-payment" }));
  });

  it("signs in by sending only Pi's access token, then uses the session token as a bearer", async () => {
    const authenticate = vi.fn(() => Promise.resolve({ accessToken: "pi-access-token", user: { uid: "client-claimed", username: "mallory" } }));
    installPi({ authenticate });
    const calls = stubApi({
      "GET /api/auth/session": unauthenticated,
      "POST /api/auth/signin": () => ({ status: 200, body: { user: { uid: "u2", username: "bob" }, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
    });
    renderWithSwr(<SessionPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
    expect((await screen.findByTestId("username")).textContent).toBe("bob");
    expect(authenticate).toHaveBeenCalledWith(["username", "payments"], expect.any(Function));
    const signin = calls.find((c) => c.route === "POST /api/auth/signin");
    expect(signin?.body).toEqual({ accessToken: "pi-access-token" });
    const after = calls.filter((c) => c.route === "GET /api/orders");
    expect(after.every((c) => c.authorization === `Bearer ${token}`)).toBe(true);
  });

  it("says clearly that the Pioneer declined", async () => {
    installPi({ authenticate: () => Promise.reject(new Error("User cancelled")) });
    stubApi({ "GET /api/auth/session": unauthenticated });
    renderWithSwr(<SessionPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
    expect(await screen.findByText(/Sign-in was cancelled in Pi/)).toBeTruthy();
  });

  it("says to open Pi Browser when the real SDK has no Pi Browser around it", async () => {
    const authenticate = vi.fn();
    installPi({ authenticate });
    configurePiSdk({ sandbox: false, requiresFrame: true });
    stubApi({ "GET /api/auth/session": unauthenticated });
    renderWithSwr(<SessionPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
    expect(await screen.findByText(/Open this app in Pi Browser/)).toBeTruthy();
    expect(authenticate).not.toHaveBeenCalled();
  });

  it("says when the app's server is unreachable", async () => {
    installPi({ authenticate: () => Promise.resolve({ accessToken: "a", user: { uid: "u" } }) });
    stubApi({
      "GET /api/auth/session": unauthenticated,
      "POST /api/auth/signin": () => ({ status: 503, body: { error: { code: "pi_unavailable", message: "Pi's servers could not be reached. Please try again in a moment." } } }),
    });
    renderWithSwr(<SessionPanel />);
    fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
    expect(await screen.findByText(/Pi's servers could not be reached/)).toBeTruthy();
  });

  it("restores a lost session silently when this browser signed in before", async () => {
    window.localStorage.setItem("pi-app:signed-in-before", "1");
    const authenticate = vi.fn(() => Promise.resolve({ accessToken: "again", user: { uid: "u3" } }));
    installPi({ authenticate });
    stubApi({
      "GET /api/auth/session": unauthenticated,
      "POST /api/auth/signin": () => ({ status: 200, body: { user: { uid: "u3", username: "carol" }, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
    });
    renderWithSwr(<SessionPanel />);
    expect((await screen.findByTestId("username")).textContent).toBe("carol");
    expect(authenticate).toHaveBeenCalledTimes(1);
  });
});
