import { fireEvent, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { OrderHistory } from "@/components/orders";
import type { OrderView, RefundView } from "@/lib/contract";
import type { PiSdk } from "@/lib/pi/sdk-types";
import { countOf, installPi, nothingReconciled, renderApp, resetPage, stubApi } from "./render";

const alice = { uid: "u1", username: "alice" };
const txid = "7a4c0e2f9b1d3a5c7e9f0b2d4c6e8a0f1b3d5c7e9a0b2c4d6e8f0a1b3c5d7e9f";

afterEach(resetPage);

const paidOrder = (refund: RefundView | null): OrderView => ({
  id: "order-1",
  productId: "pro-month",
  amount: 5,
  memo: "Pro, one month",
  status: "paid",
  paymentId: "pay-1",
  txid: "tx-1",
  createdAt: "2026-06-01T10:00:00.000Z",
  expiresAt: null,
  refund,
});

/** Alice signed in, with the orders `orders()` answers at each read. */
function renderHistory(orders: () => OrderView[], authenticate: PiSdk["authenticate"] = () => Promise.resolve({ accessToken: "first", user: { uid: "u1" } })) {
  installPi({ authenticate });
  const calls = stubApi({
    "GET /api/auth/session": () => ({ status: 200, body: { user: alice } }),
    "GET /api/orders": () => ({ status: 200, body: { orders: orders(), owned: [] } }),
    "POST /api/payments/reconcile": nothingReconciled,
    "POST /api/auth/signin": () => ({ status: 200, body: { user: alice, admin: false, sessionToken: "S".repeat(43) } }),
  });
  renderApp(<OrderHistory />);
  return calls;
}

const refundLine = () => screen.findByTestId("refund");

describe("A refund in the Pioneer's order history", () => {
  it("shows a refund on its way, then refunded with its transaction", async () => {
    renderHistory(() => [paidOrder({ status: "on_its_way", amount: 5, txid: null })]);
    const line = await refundLine();
    expect(line.textContent).toBe("Refund of 5 π on its way");
    expect(within(line).queryByRole("button")).toBeNull();
    resetPage();

    renderHistory(() => [paidOrder({ status: "refunded", amount: 5, txid })]);
    expect((await refundLine()).textContent).toContain("Refunded 5 π");
    expect(screen.getByTestId("refund-txid").textContent).toBe(txid);
  });

  it("says when a refund failed, and shows no refund line for an order without one", async () => {
    renderHistory(() => [paidOrder({ status: "failed", amount: 5, txid: null })]);
    expect((await refundLine()).textContent).toBe("Refund of 5 π did not go through. We are looking into it.");
    resetPage();

    renderHistory(() => [paidOrder(null)]);
    expect(await screen.findByTestId("order")).toBeTruthy();
    expect(screen.queryByTestId("refund")).toBeNull();
  });

  it("asks Pi for the wallet_address scope only when the refund waits for it, then signs in with the new token", async () => {
    let consented = false;
    const authenticate = vi.fn((scopes: string[]) => {
      if (scopes.includes("wallet_address")) consented = true;
      return Promise.resolve({ accessToken: consented ? "with-wallet" : "first", user: { uid: "u1" } });
    });
    const calls = renderHistory(() => [paidOrder({ status: consented ? "on_its_way" : "needs_consent", amount: 5, txid: null })], authenticate);
    const line = await refundLine();
    expect(line.textContent).toContain("Refund of 5 π waiting: allow payouts to your Pi wallet to receive it.");
    // Opening the app asked Pi for the usual scopes only.
    await vi.waitFor(() => expect(authenticate.mock.calls.map(([scopes]) => scopes)).toEqual([["username", "payments"]]));

    fireEvent.click(within(line).getByRole("button", { name: "Allow payouts to my wallet" }));
    await vi.waitFor(() => expect(screen.getByTestId("refund").textContent).toBe("Refund of 5 π on its way"));
    expect(authenticate.mock.calls.at(-1)?.[0]).toEqual(["username", "payments", "wallet_address"]);
    expect(calls.filter((c) => c.route === "POST /api/auth/signin").map((c) => c.body)).toEqual([{ accessToken: "with-wallet" }]);
    expect(countOf(calls, "GET /api/orders")).toBeGreaterThan(1);
  });

  it("leaves Pi the page's own handler for unfinished payments after the consent", async () => {
    const authenticate = vi.fn((_scopes: string[], _onIncompletePaymentFound: (payment: { identifier: string }) => void) => Promise.resolve({ accessToken: "a", user: { uid: "u1" } }));
    const calls = renderHistory(() => [paidOrder({ status: "needs_consent", amount: 5, txid: null })], authenticate);
    fireEvent.click(await screen.findByRole("button", { name: "Allow payouts to my wallet" }));
    const consent = () => authenticate.mock.calls.find(([scopes]) => scopes.includes("wallet_address"));
    await vi.waitFor(() => expect(consent()).toBeDefined());
    // Pi keeps the latest authenticate's handler and calls it before the Pioneer's next payment.
    consent()?.[1]({ identifier: "paid-but-unfinished" });
    await vi.waitFor(() => expect(calls.filter((c) => c.route === "POST /api/payments/incomplete").map((c) => c.body)).toEqual([{ paymentId: "paid-but-unfinished" }]));
  });

  it("keeps the button when the Pioneer declines Pi's consent, and says why", async () => {
    const authenticate = vi.fn((scopes: string[]) =>
      scopes.includes("wallet_address") ? Promise.reject(new Error("The Pioneer declined to sign in.")) : Promise.resolve({ accessToken: "first", user: { uid: "u1" } }),
    );
    const calls = renderHistory(() => [paidOrder({ status: "needs_consent", amount: 5, txid: null })], authenticate);
    fireEvent.click(await screen.findByRole("button", { name: "Allow payouts to my wallet" }));
    await vi.waitFor(() => expect(within(screen.getByTestId("refund")).getByRole("status").textContent).toBe("Payouts to your wallet were not allowed. Tap the button to try again."));
    expect(screen.getByRole("button", { name: "Allow payouts to my wallet" }).hasAttribute("disabled")).toBe(false);
    expect(countOf(calls, "POST /api/auth/signin")).toBe(0);
  });
});
