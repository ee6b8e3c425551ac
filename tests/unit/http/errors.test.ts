// @vitest-environment node
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/contract";
import { toErrorResponse } from "@/lib/http/errors";
import { PiApiError } from "@/lib/pi/errors";

afterEach(() => vi.restoreAllMocks());

/** What the logger writes to stderr (through console.error), one parsed JSON line per call. */
function captureErrors() {
  const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
  return () => spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

describe("toErrorResponse", () => {
  it("keeps the client's error shape and status for app errors, and logs nothing", async () => {
    const lines = captureErrors();
    const response = toErrorResponse(new AppError("amount_mismatch", "The payment amount does not match the order."), "test");
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { code: "amount_mismatch", message: "The payment amount does not match the order." } });
    expect(lines()).toEqual([]);
  });

  it("answers 503 when Pi is unreachable and 502 when Pi refuses, and logs one line each", () => {
    const lines = captureErrors();
    expect(toErrorResponse(new PiApiError("unavailable", 0, "timeout", "GET /me: no answer"), "t").status).toBe(503);
    expect(toErrorResponse(new PiApiError("rejected", 401, "unauthorized", "GET /payments/x: 401"), "t").status).toBe(502);
    expect(lines()).toEqual([
      expect.objectContaining({ level: "error", event: "pi_api_failure", route: "t", kind: "unavailable", piStatus: 0, code: "timeout" }),
      expect.objectContaining({ event: "pi_api_failure", kind: "rejected", piStatus: 401, cause: "GET /payments/x: 401" }),
    ]);
  });

  it("hides unexpected errors and never logs a query's parameters", async () => {
    const lines = captureErrors();
    const driverError = new Error('duplicate key value violates unique constraint "sessions_token_hash_unique"');
    const queryError = new Error("Failed query: insert into sessions values ($1)\nparams: 9f86d081884c7d659a2feaa0c55ad015", { cause: driverError });
    queryError.name = "DrizzleQueryError";
    const response = toErrorResponse(queryError, "auth.signin");
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { code: "internal_error", message: "Something went wrong on our side." } });
    expect(lines()).toEqual([
      expect.objectContaining({ event: "unexpected_error", route: "auth.signin", error: "DrizzleQueryError", cause: driverError.message }),
    ]);
    expect(JSON.stringify(lines())).not.toContain("9f86d081884c7d659a2feaa0c55ad015");
  });
});
