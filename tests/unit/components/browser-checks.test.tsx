import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { BrowserChecks } from "@/components/diagnostics/browser-checks";
import { configurePiSdk } from "@/lib/pi/sdk-config";

// /debug's browser lines, opened outside any frame with Pi's real SDK configured (a deployment
// opened in an ordinary tab, the way into /debug on a Pi Browser build): the script loads there,
// but Pi's SDK is never asked anything, so /debug must not suggest it answered.
describe("/debug's browser checks outside a Pi frame", () => {
  afterEach(() => {
    delete (window as { Pi?: unknown }).Pi;
  });

  it("says Pi's script loaded and is not used here", async () => {
    configurePiSdk({ sandbox: false, requiresFrame: true });
    (window as { Pi?: unknown }).Pi = {};
    render(<BrowserChecks sandbox={false} />);
    const sdk = await screen.findByTestId("check-sdk");
    expect(sdk.textContent).toContain("OK");
    expect(sdk.textContent).toContain("not used here: outside a Pi frame it could never answer");
    expect(screen.getByTestId("check-host").textContent).toContain("An ordinary browser");
  });
});
