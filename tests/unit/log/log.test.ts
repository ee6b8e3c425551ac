// @vitest-environment node
import { afterEach, describe, expect, it, vi } from "vitest";
import { annotate, annotations, logError, logEvent, withLogContext } from "@/lib/log";

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** The lines written through console.log (stdout) or console.error (stderr). */
function capture(method: "log" | "error") {
  const spy = vi.spyOn(console, method).mockImplementation(() => undefined);
  return () => spy.mock.calls.map((args) => args.map(String).join(" "));
}

describe("structured log", () => {
  it("writes one JSON line per event: info on stdout, errors on stderr", () => {
    const out = capture("log");
    const err = capture("error");
    logEvent("request", { route: "orders.create", status: 201, ms: 12, orderId: "0b7f5c6e-2f4d-4c1a-9d3e-1a2b3c4d5e6f" });
    logError("unexpected_error", { route: "orders.create", error: "TypeError" });
    expect(out()).toHaveLength(1);
    expect(out()[0]).toMatch(/^\{[^\n]*\}$/);
    expect(JSON.parse(out()[0] ?? "")).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as string,
      level: "info",
      event: "request",
      route: "orders.create",
      status: 201,
      ms: 12,
      orderId: "0b7f5c6e-2f4d-4c1a-9d3e-1a2b3c4d5e6f",
    });
    expect(JSON.parse(err()[0] ?? "")).toMatchObject({ level: "error", event: "unexpected_error", error: "TypeError" });
  });

  it("drops keys outside its list, whatever they hold", () => {
    const out = capture("log");
    logEvent("request", { route: "x", authorization: "Bearer abc", cookie: "pi_session=abc", body: "{}", accessToken: "abc" });
    expect(JSON.parse(out()[0] ?? "")).toEqual({ time: expect.any(String) as string, level: "info", event: "request", route: "x" });
  });

  it("strips what looks like a credential from the values it keeps", () => {
    vi.stubEnv("CRON_SECRET", "short-cron-1");
    const out = capture("log");
    const token = "Zq3xW9_vK2-pL8mN4rT6yB1cD5fG7hJ0aS2dF4gH6jK";
    logEvent("e", {
      cause: `GET /me with Bearer ${token.slice(0, 10)} failed; token ${token}; cron short-cron-1; postgres://app:hunter2@db.example/app; Key abc123`,
      paymentId: "jo8ZH45ZHkqpV34X1dmhQYMaQxtu",
      txid: "a".repeat(64),
      error: "b".repeat(64),
    });
    const line = JSON.parse(out()[0] ?? "") as Record<string, string>;
    for (const secret of [token, token.slice(0, 10), "short-cron-1", "hunter2", "abc123"]) expect(out()[0]).not.toContain(secret);
    expect(line.cause).toBe("GET /me with Bearer [redacted] failed; token [redacted]; cron [redacted]; postgres://[redacted]@db.example/app; Key [redacted]");
    // Pi's payment ids and transaction ids are not secrets; a hash-like value under another key is.
    expect(line.paymentId).toBe("jo8ZH45ZHkqpV34X1dmhQYMaQxtu");
    expect(line.txid).toBe("a".repeat(64));
    expect(line.error).toBe("[redacted]");
  });

  it("keeps a request's annotations to that request, even when requests interleave", async () => {
    const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
    const request = (orderId: string) =>
      withLogContext(async () => {
        await tick();
        annotate({ orderId });
        await tick();
        return annotations();
      });
    expect(await Promise.all([request("a"), request("b")])).toEqual([{ orderId: "a" }, { orderId: "b" }]);
    annotate({ orderId: "outside" });
    expect(annotations()).toEqual({});
  });
});
