import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configurePiSdk } from "@/lib/pi/sdk";
import type { PiAuthResult, PiSdk, PiSdkPayment } from "@/lib/pi/sdk-types";
import { countOf, deferred, frameThePage, installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi, waitAdvancing } from "./render";

const unauthenticated = () => ({ status: 401, body: { error: { code: "unauthenticated", message: "Sign in with Pi first." } } });
const restored = () => ({ status: 200, body: { user: { uid: "u1", username: "alice" } } });
const token = "T".repeat(43);

afterEach(resetPage);

const renderPanel = () => renderApp();

async function signInWith(failure: Error) {
  installPi({ authenticate: () => Promise.reject(failure) });
  stubApi({ "GET /api/auth/session": unauthenticated });
  renderPanel();
  fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
}


/** Pi.authenticate for Pioneer u1, reporting an unfinished payment as Pi does. */
const piReportsStuckPayment: PiSdk["authenticate"] = (_scopes, onIncompletePaymentFound) => {
  onIncompletePaymentFound({ identifier: "stuck-payment" });
  return Promise.resolve({ accessToken: "a", user: { uid: "u1" } });
};

describe("Session", () => {
  it("shows the Pioneer of an existing session without signing in again", async () => {
    installPi({ authenticate: () => Promise.resolve({ accessToken: "a", user: { uid: "u1" } }) });
    const calls = stubApi({ "GET /api/auth/session": restored });
    renderPanel();
    expect((await screen.findByTestId("username")).textContent).toBe("alice");
    expect(screen.getByRole("button", { name: "Sign out" })).toBeTruthy();
    expect(calls.map((c) => c.route)).not.toContain("POST /api/auth/signin");
  });

  it("resolves an incomplete payment Pi reports when the app opens with a session", async () => {
    installPi({ authenticate: piReportsStuckPayment });
    const calls = stubApi({
      "GET /api/auth/session": restored,
      "POST /api/payments/incomplete": () => ({ status: 200, body: { outcome: "completed", order: null, needsReview: false } }),
    });
    renderPanel();
    await vi.waitFor(() => expect(calls.find((c) => c.route === "POST /api/payments/incomplete")?.body).toEqual({ paymentId: "stuck-payment" }));
  });

  it("asks again when resolving an incomplete payment meets a server or network failure, then stops", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    installPi({ authenticate: piReportsStuckPayment });
    const calls = stubApi({
      "GET /api/auth/session": restored,
      "POST /api/payments/incomplete": () => ({ status: 502, body: { error: { code: "pi_rejected", message: "Pi refused the request." } } }),
    });
    renderPanel();
    await waitAdvancing(() => expect(countOf(calls, "POST /api/payments/incomplete")).toBe(3));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(countOf(calls, "POST /api/payments/incomplete")).toBe(3);
    expect(screen.getByTestId("username").textContent).toBe("alice");
  });

  it("signs in by sending only Pi's access token, then uses the session token as a bearer", async () => {
    const authenticate = vi.fn(() => Promise.resolve({ accessToken: "pi-access-token", user: { uid: "client-claimed", username: "mallory" } }));
    installPi({ authenticate });
    const calls = stubApi({
      "GET /api/auth/session": unauthenticated,
      "POST /api/auth/signin": () => ({ status: 200, body: { user: { uid: "u2", username: "bob" }, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderPanel();
    fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
    expect((await screen.findByTestId("username")).textContent).toBe("bob");
    expect(authenticate).toHaveBeenCalledWith(["username", "payments"], expect.any(Function));
    const signin = calls.find((c) => c.route === "POST /api/auth/signin");
    expect(signin?.body).toEqual({ accessToken: "pi-access-token" });
    const after = calls.filter((c) => c.route === "GET /api/orders");
    expect(after.every((c) => c.authorization === `Bearer ${token}`)).toBe(true);
    // A fresh sign-in reconciles too (Pi.authenticate already reported incomplete payments).
    await vi.waitFor(() => expect(calls.filter((c) => c.route === "POST /api/payments/reconcile").map((c) => c.authorization)).toEqual([`Bearer ${token}`]));
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it("says clearly that the Pioneer declined", async () => {
    await signInWith(new Error("User cancelled"));
    expect(await screen.findByText(/Sign-in was cancelled in Pi/)).toBeTruthy();
  });

  it("reads the emulator's refusal as a decline", async () => {
    await signInWith(new Error("The Pioneer declined to sign in (authentication was not granted)."));
    expect(await screen.findByText(/Sign-in was cancelled in Pi/)).toBeTruthy();
  });

  it("says neutrally that Pi did not finish the sign-in when authenticate fails for another reason", async () => {
    await signInWith(new Error("Messaging timeout"));
    expect(await screen.findByText("Pi did not finish the sign-in. Check your connection and try again.")).toBeTruthy();
    expect(screen.queryByText(/cancelled/)).toBeNull();
  });

  it("waits for a slow first consent instead of giving up on it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const authenticate = vi.fn(() => new Promise<PiAuthResult>((resolve) => setTimeout(() => resolve({ accessToken: "slow", user: { uid: "u4" } }), 45_000)));
    installPi({ authenticate });
    stubApi({
      "GET /api/auth/session": unauthenticated,
      "POST /api/auth/signin": () => ({ status: 200, body: { user: { uid: "u4", username: "dave" }, sessionToken: token } }),
    });
    renderPanel();
    await waitAdvancing(() => expect(screen.getByRole("button", { name: "Sign in with Pi" })).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Sign in with Pi" }));
    await vi.waitFor(() => expect(authenticate).toHaveBeenCalled());
    await vi.advanceTimersByTimeAsync(45_000);
    await vi.waitFor(() => expect(screen.getByTestId("username").textContent).toBe("dave"));
  });

  it("says to open Pi Browser when the real SDK has no Pi Browser around it", async () => {
    const authenticate = vi.fn();
    installPi({ authenticate });
    configurePiSdk({ sandbox: false, requiresFrame: true });
    stubApi({ "GET /api/auth/session": unauthenticated });
    renderPanel();
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
    renderPanel();
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
    renderPanel();
    expect((await screen.findByTestId("username")).textContent).toBe("carol");
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it("restores a lost session silently in a framed page (Pi Browser, the Sandbox) even without the hint", async () => {
    frameThePage();
    const authenticate = piSignsIn("u3");
    installPi({ authenticate });
    const calls = stubApi({
      "GET /api/auth/session": unauthenticated,
      "POST /api/auth/signin": () => ({ status: 200, body: { user: { uid: "u3", username: "carol" }, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
    });
    renderPanel();
    expect((await screen.findByTestId("username")).textContent).toBe("carol");
    expect(calls.find((c) => c.route === "POST /api/auth/signin")?.body).toEqual({ accessToken: "pi-token-u3" });
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it.each([
    ["unframed, in a browser that never signed in", () => undefined],
    ["framed, after this browser signed out", () => {
      frameThePage();
      window.localStorage.setItem("pi-app:signed-in-before", "0");
    }],
  ])("waits for a tap when %s", async (_name, arrange) => {
    arrange();
    const authenticate = piSignsIn("u3");
    installPi({ authenticate });
    stubApi({ "GET /api/auth/session": unauthenticated });
    renderPanel();
    expect(await screen.findByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(authenticate).not.toHaveBeenCalled();
  });

  it("follows Pi when it has another Pioneer than the restored session, and sends Pi's reports with the new session only", async () => {
    const authenticate = vi.fn((_scopes: string[], onIncompletePaymentFound: (payment: PiSdkPayment) => void) => {
      onIncompletePaymentFound({ identifier: "bobs-stuck-payment" });
      return Promise.resolve({ accessToken: "pi-token-bob", user: { uid: "u2" } });
    });
    installPi({ authenticate });
    const calls = stubApi({
      "GET /api/auth/session": restored,
      "POST /api/auth/signin": () => ({ status: 200, body: { user: { uid: "u2", username: "bob" }, sessionToken: token } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
      "POST /api/payments/incomplete": () => ({ status: 200, body: { outcome: "completed", order: null, needsReview: false } }),
    });
    renderPanel();
    await vi.waitFor(() => expect(screen.getByTestId("username").textContent).toBe("bob"));
    expect(calls.find((c) => c.route === "POST /api/auth/signin")?.body).toEqual({ accessToken: "pi-token-bob" });
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/incomplete")).toBe(1));
    const report = calls.find((c) => c.route === "POST /api/payments/incomplete");
    expect(report).toMatchObject({ body: { paymentId: "bobs-stuck-payment" }, authorization: `Bearer ${token}` });
    expect(calls.indexOf(report as (typeof calls)[number])).toBeGreaterThan(calls.findIndex((c) => c.route === "POST /api/auth/signin"));
    expect(authenticate).toHaveBeenCalledTimes(1);
  });

  it("holds Pi's reports until the session is known to be Pi's Pioneer", async () => {
    const auth = deferred<PiAuthResult>();
    installPi({
      authenticate: (_scopes, onIncompletePaymentFound) => {
        onIncompletePaymentFound({ identifier: "stuck-payment" });
        return auth.promise;
      },
    });
    const calls = stubApi({
      "GET /api/auth/session": restored,
      "POST /api/payments/incomplete": () => ({ status: 200, body: { outcome: "completed", order: null, needsReview: false } }),
    });
    renderPanel();
    expect((await screen.findByTestId("username")).textContent).toBe("alice");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(countOf(calls, "POST /api/payments/incomplete")).toBe(0);
    auth.resolve({ accessToken: "a", user: { uid: "u1" } });
    await vi.waitFor(() => expect(countOf(calls, "POST /api/payments/incomplete")).toBe(1));
  });

  it("says when signing out failed, and stays signed in", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    const calls = stubApi({
      "GET /api/auth/session": restored,
      "POST /api/auth/signout": () => ({ status: 500, body: { error: { code: "internal_error", message: "Something went wrong on our side." } } }),
    });
    renderPanel();
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    await vi.waitFor(() => expect(screen.getByRole("alert").textContent).toBe("Could not sign out. Something went wrong on our side."));
    expect(screen.getByTestId("username").textContent).toBe("alice");
    expect(countOf(calls, "POST /api/auth/signout")).toBe(1);
  });

  it.each([
    ["", () => undefined],
    [" (framed, with storage dropped as iOS Pi Browser does)", () => {
      frameThePage();
      vi.spyOn(Storage.prototype, "getItem").mockReturnValue(null);
    }],
  ])("signs out, and then waits for a tap%s", async (_name, arrange) => {
    arrange();
    const authenticate = piSignsIn("u1");
    installPi({ authenticate });
    let signedIn = true;
    stubApi({
      "GET /api/auth/session": () => (signedIn ? restored() : unauthenticated()),
      "POST /api/auth/signout": () => {
        signedIn = false;
        return { status: 200, body: { signedOut: true } };
      },
    });
    renderPanel();
    fireEvent.click(await screen.findByRole("button", { name: "Sign out" }));
    expect(await screen.findByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(authenticate).toHaveBeenCalledTimes(1);
  });
});
