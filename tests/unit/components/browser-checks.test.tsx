import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BrowserChecks } from "@/components/diagnostics/browser-checks";
import { configurePiSdk } from "@/lib/pi/sdk-config";

// /debug's browser lines, opened outside any frame with Pi's real SDK configured (a deployment
// opened in an ordinary tab): the SDK is never loaded there, so /debug must not say it loaded.
describe("/debug's browser checks outside a Pi frame", () => {
  it("says Pi's SDK is not needed here rather than that it loaded", async () => {
    configurePiSdk({ sandbox: false, requiresFrame: true });
    render(<BrowserChecks sandbox={false} />);
    const sdk = await screen.findByTestId("check-sdk");
    expect(sdk.textContent).toContain("Not needed");
    expect(sdk.textContent).not.toContain("Loaded.");
    expect(sdk.textContent).not.toContain("OK");
    expect(screen.getByTestId("check-host").textContent).toContain("An ordinary browser");
  });
});
