import { afterEach, describe, expect, it, vi } from "vitest";
import type { PiSdk } from "@/lib/pi/sdk-types";

// Each test is a fresh page: the host is decided once per page.
async function page(pi: Partial<PiSdk>) {
  vi.resetModules();
  const sdk = await import("@/lib/pi/sdk");
  sdk.configurePiSdk({ sandbox: false, requiresFrame: false });
  window.Pi = { init: () => Promise.resolve(), authenticate: vi.fn(), createPayment: vi.fn(), ...pi };
  sdk.markPiSdkScript("loaded");
  return import("@/lib/client/share");
}

const content = { title: "Corner Shop", message: "Try Corner Shop: https://shop.example/", url: "https://shop.example/" };

afterEach(() => {
  vi.restoreAllMocks();
  delete window.Pi;
  Reflect.deleteProperty(navigator, "share");
  Reflect.deleteProperty(navigator, "clipboard");
});

describe("shareApp", () => {
  it("opens Pi Browser's share sheet inside Pi Browser", async () => {
    const openShareDialog = vi.fn();
    const { shareApp } = await page({ openShareDialog });
    expect(await shareApp("pi-browser", content)).toBe("shared");
    expect(openShareDialog).toHaveBeenCalledWith("Corner Shop", content.message);
  });

  it("finds out the host first when the Pioneer shares before the page knows it", async () => {
    const openShareDialog = vi.fn();
    const { shareApp } = await page({ openShareDialog, getPiHostAppInfo: () => Promise.resolve({ hostApp: "pi-browser" }) });
    expect(await shareApp(null, content)).toBe("shared");
    expect(openShareDialog).toHaveBeenCalledOnce();
  });

  it("uses the system's share sheet outside a Pi host, and says nothing when the Pioneer closes it", async () => {
    const openShareDialog = vi.fn();
    const { shareApp } = await page({ openShareDialog });
    const share = vi.fn().mockRejectedValueOnce(new DOMException("closed", "AbortError")).mockResolvedValueOnce(undefined);
    Object.defineProperty(navigator, "share", { value: share, configurable: true });
    expect(await shareApp("browser", content)).toBe("dismissed");
    expect(await shareApp("browser", content)).toBe("shared");
    expect(share).toHaveBeenCalledWith({ title: "Corner Shop", text: content.message, url: content.url });
    expect(openShareDialog).not.toHaveBeenCalled();
  });

  it("copies the link where nothing can share, and says so when even that is refused", async () => {
    const { shareApp } = await page({});
    const writeText = vi.fn().mockResolvedValueOnce(undefined).mockRejectedValueOnce(new DOMException("denied", "NotAllowedError"));
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    expect(await shareApp("browser", content)).toBe("copied");
    expect(writeText).toHaveBeenCalledWith("https://shop.example/");
    expect(await shareApp("browser", content)).toBe("failed");
  });
});
