import { act, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PiSdkScript } from "@/components/pi/pi-sdk-script";
import { Storefront } from "@/components/shop";
import { installPi, nothingReconciled, renderApp, resetPage, stubApi, waitAdvancing } from "./render";

// Pi's script arrives after the page's load event, and on a slow phone network it can take longer
// than the SDK wrapper waits for it. In a file of its own: the wrapper keeps the script's state for the page.

const products = [{ id: "coffee", name: "A coffee for the team", description: "Say thanks with a small tip.", price: "1", priceText: "1", delivers: { kind: "tip" } }] as const;
const sdkSrc = "https://sdk.example/pi-sdk.js";

afterEach(resetPage);

const piScript = () => document.querySelector<HTMLScriptElement>(`script[src="${sdkSrc}"]`);

describe("Pi's SDK arriving late", () => {
  it("makes Buy usable and runs the open-time checks once the script loads, even after the wait for it ran out, and tries a failed script again", async () => {
    // Loaded before the page, as a real page would have it by then: the host check starts at once.
    await import("@/components/session/pi-session");
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const calls = stubApi({
      "GET /api/auth/session": () => ({ status: 200, body: { user: { uid: "u1", username: "alice" } } }),
      "GET /api/orders": () => ({ status: 200, body: { orders: [], owned: [] } }),
      "POST /api/payments/reconcile": nothingReconciled,
    });
    renderApp(
      <>
        <PiSdkScript src={sdkSrc} sandbox={false} requiresFrame={false} />
        <Storefront products={products} />
      </>,
    );
    const buy = () => screen.getByRole<HTMLButtonElement>("button", { name: /Buy/ });
    await waitAdvancing(() => expect(screen.getByTestId("username").textContent).toBe("alice"));

    // The first try fails on a flaky network; the wrapper's own wait (15 s) runs out meanwhile.
    const first = piScript();
    act(() => void first?.dispatchEvent(new Event("error")));
    await act(() => vi.advanceTimersByTimeAsync(16_000));
    expect(buy().disabled).toBe(true);

    // The script is asked for again, and this time it loads.
    await waitAdvancing(() => expect(piScript() ?? first).not.toBe(first));
    // Pi reports an unfinished payment at the page's Pi.authenticate, which the open-time check makes.
    installPi({
      authenticate: (_scopes: string[], onIncompletePaymentFound: (payment: { identifier: string }) => void) => {
        onIncompletePaymentFound({ identifier: "paid-but-unfinished" });
        return Promise.resolve({ accessToken: "a", user: { uid: "u1" } });
      },
    });
    act(() => void piScript()?.dispatchEvent(new Event("load")));
    await waitAdvancing(() => expect(buy().disabled).toBe(false));
    await waitAdvancing(() => expect(calls.filter((c) => c.route === "POST /api/payments/incomplete").map((c) => c.body)).toEqual([{ paymentId: "paid-but-unfinished" }]));
  });
});
