import { afterEach, describe, expect, it, vi } from "vitest";
import type { PiSdk } from "@/lib/pi/sdk-types";

// The host is decided once per page: each test loads the modules afresh, as a new page would.
async function page(options: { sandbox?: boolean; requiresFrame?: boolean; framed?: boolean; pi?: Partial<PiSdk> | null }) {
  vi.resetModules();
  if (options.framed) vi.spyOn(window, "self", "get").mockReturnValue({} as Window & typeof globalThis);
  const sdk = await import("@/lib/pi/sdk");
  const host = { ...(await import("@/lib/pi/detect-host")), ...(await import("@/lib/pi/host")) };
  sdk.configurePiSdk({ sandbox: options.sandbox ?? false, requiresFrame: options.requiresFrame ?? false });
  if (options.pi === null) {
    delete window.Pi;
    sdk.markPiSdkScript("failed");
  } else {
    window.Pi = { init: () => Promise.resolve(), authenticate: vi.fn(), createPayment: vi.fn(), ...options.pi };
    sdk.markPiSdkScript("loaded");
  }
  return host;
}

const never = <T,>() => new Promise<T>(() => undefined);

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  delete window.Pi;
});

describe("detectHost", () => {
  it("believes Pi Browser when getPiHostAppInfo says so, without waiting for Pi.init", async () => {
    const init = vi.fn(never<void>);
    const { detectHost } = await page({ pi: { init, getPiHostAppInfo: () => Promise.resolve({ hostApp: "pi-browser" }) } });
    await expect(detectHost()).resolves.toBe("pi-browser");
    expect(init).not.toHaveBeenCalled();
  });

  it("tries the SDK when getPiHostAppInfo never answers, and is in Pi Browser if Pi.init does", async () => {
    vi.useFakeTimers();
    const { detectHost } = await page({ pi: { getPiHostAppInfo: never } });
    const decided = detectHost();
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(decided).resolves.toBe("pi-browser");
  });

  it("says 'browser' within a few seconds when neither getPiHostAppInfo nor Pi.init ever answers", async () => {
    vi.useFakeTimers();
    const { detectHost } = await page({ pi: { init: never, getPiHostAppInfo: never } });
    let seen: string | null = null;
    void detectHost().then((host) => (seen = host));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(seen).toBe(null);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toBe("browser");
  });

  it("treats an 'unknown' host or a missing getPiHostAppInfo as 'try the SDK'", async () => {
    const unknown = await page({ pi: { getPiHostAppInfo: () => Promise.resolve({ hostApp: "unknown" }) } });
    await expect(unknown.detectHost()).resolves.toBe("pi-browser");
    const missing = await page({ sandbox: true, requiresFrame: true, framed: true, pi: {} });
    await expect(missing.detectHost()).resolves.toBe("sandbox");
  });

  it("never asks Pi's SDK outside a frame: it could not answer there", async () => {
    const init = vi.fn(never<void>);
    const getPiHostAppInfo = vi.fn(never<{ hostApp: string }>);
    const { detectHost } = await page({ requiresFrame: true, pi: { init, getPiHostAppInfo } });
    await expect(detectHost()).resolves.toBe("browser");
    expect(init).not.toHaveBeenCalled();
    expect(getPiHostAppInfo).not.toHaveBeenCalled();
  });

  it("fails with the SDK's load error when the script did not load where it was needed, then asks again", async () => {
    const { detectHost } = await page({ pi: null });
    await expect(detectHost()).rejects.toMatchObject({ reason: "not_loaded" });
    await expect(detectHost()).rejects.toMatchObject({ reason: "not_loaded" });
  });

  it("lets payments happen only in Pi Browser and the Sandbox", async () => {
    const { paysHere } = await page({ pi: {} });
    expect([paysHere("pi-browser"), paysHere("sandbox"), paysHere("browser"), paysHere(null)]).toEqual([true, true, false, false]);
  });
});
