// @vitest-environment node
import { describe, expect, it } from "vitest";
import { FaultRegistry, faultPathMatches, faultSpecSchema } from "@/emulator/faults";

const spec = (input: unknown) => faultSpecSchema.parse(input);

describe("fault paths", () => {
  it("match exactly or with * standing for one segment", () => {
    expect(faultPathMatches("/v2/payments/*/approve", "/v2/payments/abc/approve")).toBe(true);
    expect(faultPathMatches("/v2/payments/*/approve", "/v2/payments/abc/complete")).toBe(false);
    expect(faultPathMatches("/v2/payments/*", "/v2/payments/abc/approve")).toBe(false);
    expect(faultPathMatches("/v2/me", "/v2/me")).toBe(true);
  });
});

describe("FaultRegistry", () => {
  it("applies a fault `times` times, oldest first, then forgets it", () => {
    const faults = new FaultRegistry();
    faults.add(spec({ method: "post", path: "/v2/payments/*/approve", mode: "error", times: 2 }));
    faults.add(spec({ method: "*", path: "/v2/payments/*/approve", mode: "delay", ms: 5 }));
    expect(faults.take("GET", "/v2/payments/a/approve")?.mode).toBe("delay");
    expect(faults.take("GET", "/v2/payments/a/approve")).toBeUndefined();
    expect(faults.take("POST", "/v2/payments/a/complete")).toBeUndefined();
    expect(faults.take("POST", "/v2/payments/a/approve")).toMatchObject({ mode: "error", remaining: 1 });
    expect(faults.take("POST", "/v2/payments/b/approve")).toMatchObject({ mode: "error", remaining: 0 });
    expect(faults.take("POST", "/v2/payments/c/approve")).toBeUndefined();
    expect(faults.list()).toEqual([]);
  });

  it("validates specs", () => {
    expect(spec({ method: "GET", path: "/v2/me", mode: "error" })).toMatchObject({ times: 1, method: "GET" });
    // Held until the caller hangs up without ms, or for ms.
    expect(spec({ method: "POST", path: "/v2/payments/*/complete", mode: "hang-after-apply" })).toMatchObject({ mode: "hang-after-apply", times: 1 });
    expect(spec({ method: "POST", path: "/v2/payments/*/complete", mode: "hang-after-apply", ms: 250 })).toMatchObject({ ms: 250 });
    for (const bad of [
      { method: "GET", path: "/control/calls", mode: "error" },
      { method: "GET", path: "/v2/me?x=1", mode: "error" },
      { method: "GET", path: "/v2/me", mode: "delay" },
      { method: "GET", path: "/v2/me", mode: "error", status: 200 },
      { method: "GET", path: "/v2/me", mode: "error", times: 0 },
      { method: "POST", path: "/v2/payments/*/complete", mode: "hang-after-apply", ms: -1 },
      { method: "POST", path: "/v2/payments/*/complete", mode: "hang" },
    ]) {
      expect(faultSpecSchema.safeParse(bad).success).toBe(false);
    }
  });
});
