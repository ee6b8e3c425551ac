import { act, fireEvent, render, screen } from "@testing-library/react";
import { hydrateRoot, type Root } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { SWRConfig } from "swr";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/components/i18n";
import { OrdersPage, OwnedList } from "@/components/orders";
import { OrdersSeed } from "@/components/orders/orders-seed";
import { SessionProvider } from "@/components/session";
import * as piSessionModule from "@/components/session/pi-session";
import type { OrdersOverview, OrderView } from "@/lib/contract";
import { en } from "@/lib/i18n/messages/en";
import { countOf, deferred, installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi, type Answer } from "./render";

// A page requested with a live session cookie arrives with the Pioneer's orders in its HTML. The
// server cannot know the phone's time zone, so it writes times in UTC; the browser's first render
// must match that HTML (or React throws it away), then shows the phone's own time.

const renderedAt = "2026-03-04T23:40:00.000Z";
const paid: OrderView = {
  id: "o1",
  productId: "coffee",
  amount: 1,
  memo: "A coffee for the team",
  status: "paid",
  paymentId: "p1",
  txid: "t1",
  createdAt: "2026-03-04T23:30:00.000Z",
  expiresAt: null,
  refund: null,
};
const overview: OrdersOverview = { orders: [paid], owned: [{ kind: "tip", productId: "coffee", name: "A coffee for the team", quantity: 1 }] };

const page = () => (
  <I18nProvider locale="en" messages={en} renderedAt={renderedAt}>
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <SessionProvider cookie="session" viewer={{ user: { uid: "u1", username: "alice" }, admin: false }}>
        <OrdersSeed uid="u1" overview={overview}>
          <OrdersPage />
        </OrdersSeed>
      </SessionProvider>
    </SWRConfig>
  </I18nProvider>
);

const zone = process.env.TZ;
afterEach(() => {
  process.env.TZ = zone;
  resetPage();
});

describe("/orders rendered on the server for a live session cookie", () => {
  it("holds the orders in its HTML, hydrates it as it is on a phone in another zone, then shows the phone's time", async () => {
    process.env.TZ = "UTC";
    const html = renderToString(page());
    expect(html).toContain("What you own");
    expect(html).toContain("Mar 4, 2026, 11:30 PM");

    process.env.TZ = "Asia/Ho_Chi_Minh";
    installPi({});
    stubApi({
      "GET /api/orders": () => ({ status: 200, body: overview }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.append(container);
    const recoverable: unknown[] = [];
    let root: Root | undefined;
    act(() => {
      root = hydrateRoot(container, page(), { onRecoverableError: (error) => recoverable.push(error) });
    });
    await vi.waitFor(() => expect(container.textContent).toContain("Mar 5, 2026, 6:30 AM"));
    expect(recoverable).toEqual([]);
    expect(container.textContent).toContain("What you own");
    act(() => root?.unmount());
    container.remove();
  });
});

describe("A navigation to a page the server rendered with the orders", () => {
  it("shows what the server just read, not the orders cached earlier, without waiting for a refetch", async () => {
    installPi({});
    const tips = (quantity: number): OrdersOverview => ({ orders: [], owned: [{ kind: "tip", productId: "coffee", name: "A coffee for the team", quantity }] });
    const refetch = deferred<{ status: number; body: unknown }>();
    let asked = 0;
    stubApi({
      "GET /api/orders": () => (++asked === 1 ? { status: 200, body: tips(1) } : refetch.promise),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    const view = renderApp(<OwnedList />, "session", { user: { uid: "u1", username: "alice" }, admin: false });
    expect(await screen.findByText("1 given. Thank you!")).toBeTruthy();
    view.rerender(
      <I18nProvider locale="en" messages={en}>
        <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
          <SessionProvider cookie="session" viewer={{ user: { uid: "u1", username: "alice" }, admin: false }}>
            <OrdersSeed uid="u1" overview={tips(2)}>
              <OwnedList />
            </OrdersSeed>
          </SessionProvider>
        </SWRConfig>
      </I18nProvider>,
    );
    expect(await screen.findByText("2 given. Thank you!")).toBeTruthy();
  });
});

const alice = { uid: "u1", username: "alice" };
const bob = { uid: "u2", username: "bob" };
const serverFailed: Answer = { status: 500, body: { error: { code: "internal_error", message: "Something went wrong." } } };
const aliceItems = "1 given. Thank you!";

/**
 * The page as the server rendered it for alice's cookie, with her orders seeded, Pi signing in as
 * `piPioneer`. Orders asked for once a new session is open get `laterOrders`.
 */
async function openAlicesPage(piPioneer: typeof alice, laterOrders: () => Answer | Promise<Answer>) {
  installPi({ authenticate: piSignsIn(piPioneer.uid) });
  let newSession = false;
  stubApi({
    "POST /api/auth/signout": () => ({ status: 200, body: { ok: true } }),
    "GET /api/auth/session": () => ({ status: 401, body: { error: { code: "signed_out", message: "Signed out." } } }),
    "POST /api/auth/signin": () => {
      newSession = true;
      return { status: 200, body: { user: piPioneer, admin: false, sessionToken: "S".repeat(43) } };
    },
    "GET /api/orders": () => (newSession ? laterOrders() : { status: 200, body: overview }),
    "POST /api/payments/reconcile": nothingReconciled,
  });
  renderApp(
    <OrdersSeed uid={alice.uid} overview={overview}>
      <OwnedList />
    </OrdersSeed>,
    "session",
    { user: alice, admin: false },
  );
  expect(await screen.findByText(aliceItems)).toBeTruthy();
}

/** Signs out from the header, then in again with Pi, and waits for `who`. */
async function signOutAndIn(who: typeof alice) {
  fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
  fireEvent.click(await screen.findByRole("button", { name: "Sign in with Pi" }));
  await vi.waitFor(() => expect(screen.getByTestId("username").textContent).toBe(who.username));
}

describe("Another Pioneer signing in on a page the server rendered for the first", () => {
  it("never shows them the first Pioneer's items, while their own load or after that fails", async () => {
    const bobsOrders = deferred<Answer>();
    await openAlicesPage(bob, () => bobsOrders.promise);
    await signOutAndIn(bob);
    expect(screen.queryByText(aliceItems)).toBeNull();
    bobsOrders.resolve(serverFailed);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByText(aliceItems)).toBeNull();
  });
});

describe("The same Pioneer signing out and in again on the page", () => {
  it("shows their orders as the server reads them now, not as the page was rendered", async () => {
    await openAlicesPage(alice, () => serverFailed);
    await signOutAndIn(alice);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByText(aliceItems)).toBeNull();
  });
});

describe("Pi signed in as another Pioneer than the page's cookie", () => {
  it("shows none of the cookie's Pioneer's items while Pi's Pioneer's orders load", async () => {
    await openAlicesPage(bob, () => deferred<Answer>().promise);
    await vi.waitFor(() => expect(screen.getByTestId("username").textContent).toBe("bob"));
    expect(screen.queryByText(aliceItems)).toBeNull();
  });
});

describe("The open-time reconcile on a page that shows the orders", () => {
  const settledNothing = { examined: 1, paid: 0, cancelled: 0, expired: 0, needsReview: 0, failed: 1 };
  /**
   * Opens the page, holds the reconcile's answer until the page's own first load of the orders has
   * gone out, then answers it and waits until the page has acted on the answer (a refresh or none).
   */
  const openAndReconcile = async (counts: typeof settledNothing) => {
    installPi({});
    const answer = deferred<{ status: number; body: unknown }>();
    const calls = stubApi({
      "GET /api/orders": () => ({ status: 200, body: overview }),
      "POST /api/payments/reconcile": () => answer.promise,
    });
    const reconcile = vi.spyOn(piSessionModule, "requestReconcile");
    render(page());
    await vi.waitFor(() => expect([countOf(calls, "POST /api/payments/reconcile"), countOf(calls, "GET /api/orders")]).toEqual([1, 1]));
    answer.resolve({ status: 200, body: { counts } });
    expect(reconcile).toHaveBeenCalledTimes(1);
    await reconcile.mock.results[0]?.value;
    // What the page does with the answer runs on promises alone: one turn of the event loop ends it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    return calls;
  };

  it("asks for the orders again once it settled one", async () => {
    const calls = await openAndReconcile({ ...settledNothing, paid: 1, failed: 0 });
    expect(countOf(calls, "GET /api/orders")).toBe(2);
  });

  it("is not asked for by a page closed before it could ask", async () => {
    installPi({});
    const calls = stubApi({ "GET /api/orders": () => ({ status: 200, body: overview }), "POST /api/payments/reconcile": nothingReconciled });
    render(page()).unmount();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(countOf(calls, "POST /api/payments/reconcile")).toBe(0);
  });

  it("does not ask for them again when it settled nothing", async () => {
    const calls = await openAndReconcile(settledNothing);
    expect(countOf(calls, "GET /api/orders")).toBe(1);
  });
});
