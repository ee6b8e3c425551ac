import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { configurePiSdk, markPiSdkScript } from "@/lib/pi/sdk";
import { countOf, frameThePage, renderApp, resetPage, stubApi, waitAdvancing } from "./render";

// No window.Pi in this file: Pi's script is slow or missing. The SDK module keeps the script's
// state for the page, so the pending case runs before the failed one.

const unauthenticated = () => ({ status: 401, body: { error: { code: "unauthenticated", message: "Sign in with Pi first." } } });

afterEach(resetPage);

function renderPanel() {
  configurePiSdk({ sandbox: false, requiresFrame: false });
  const calls = stubApi({ "GET /api/auth/session": unauthenticated });
  renderApp();
  return calls;
}

describe("Without Pi's SDK", () => {
  it("says to check the connection and reload when the script does not load in time", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    renderPanel();
    await waitAdvancing(() => expect(screen.getByRole("button", { name: "Sign in with Pi" })).toBeTruthy());
    fireEvent.click(screen.getByRole("button", { name: "Sign in with Pi" }));
    await waitAdvancing(() => expect(screen.getByRole("alert").textContent).toBe("The Pi SDK did not load in time. Check your connection and reload the page."));
  });

  it("does not try a silent sign-in in a framed page", async () => {
    frameThePage();
    markPiSdkScript("failed");
    const calls = renderPanel();
    expect(await screen.findByRole("button", { name: "Sign in with Pi" })).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(countOf(calls, "POST /api/auth/signin")).toBe(0);
    expect(screen.getByRole("alert").textContent).toBe("");
  });
});
