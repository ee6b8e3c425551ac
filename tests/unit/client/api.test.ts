import { afterEach, describe, expect, it, vi } from "vitest";
import { api, ApiError } from "@/lib/client/api";
import { isTransient } from "@/lib/client/retry";

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** A request the network never answers; like the browser's fetch, it gives up only when aborted. */
function silentNetwork() {
  vi.stubGlobal(
    "fetch",
    vi.fn(
      (_path: string, init: RequestInit = {}) =>
        new Promise<Response>((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("The operation was aborted.", "AbortError")))),
    ),
  );
}

describe("The client for our API", () => {
  it("gives up on a request the network never answers, as a failure worth asking again", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    silentNetwork();
    const failure = api("/api/payments/complete", { method: "POST", body: { paymentId: "p", txid: "t" } }).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(35_000);
    const error = await failure;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: "network_error" });
    expect(isTransient(error)).toBe(true);
  });

  it("waits longer for a request that says it may take longer (the admin's reconciler run)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    silentNetwork();
    let settled = false;
    const failure = api("/api/admin/reconcile", { method: "POST", timeoutMs: 75_000 }).catch((error: unknown) => error).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(await failure).toMatchObject({ status: 0, code: "network_error" });
  });
});
