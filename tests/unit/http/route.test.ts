// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/contract";
import { route } from "@/lib/http/route";
import { annotate } from "@/lib/log";

afterEach(() => vi.restoreAllMocks());

/** What the logger writes to stdout (through console.log), one parsed JSON line per call. */
function captureStdout() {
  const spy = vi.spyOn(console, "log").mockImplementation(() => undefined);
  return () => spy.mock.calls.map(([line]) => JSON.parse(String(line)) as Record<string, unknown>);
}

const request = new Request("http://localhost:3000/api/x", { method: "POST" });

describe("route()", () => {
  it("marks every answer no-store unless the handler chose a policy", async () => {
    captureStdout();
    const ok = await route("t", () => Promise.resolve(Response.json({ ok: true }, { status: 201 })))(request, undefined);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    const failed = await route("t", () => Promise.reject(new AppError("forbidden_origin", "No.")))(request, undefined);
    expect(failed.headers.get("cache-control")).toBe("no-store");
    const chosen = await route("t", () => Promise.resolve(Response.json({}, { headers: { "Cache-Control": "public, max-age=60" } })))(request, undefined);
    expect(chosen.headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("logs one line per request with its status, duration, outcome and annotations", async () => {
    const lines = captureStdout();
    await route("orders.create", () => {
      annotate({ orderId: "0b7f5c6e-2f4d-4c1a-9d3e-1a2b3c4d5e6f" });
      return Promise.resolve(Response.json({}, { status: 201 }));
    })(request, undefined);
    await route("auth.signin", () => Promise.reject(new AppError("forbidden_origin", "No.")))(request, undefined);
    expect(lines()).toEqual([
      expect.objectContaining({ event: "request", route: "orders.create", method: "POST", status: 201, outcome: "ok", orderId: "0b7f5c6e-2f4d-4c1a-9d3e-1a2b3c4d5e6f", ms: expect.any(Number) as number }),
      expect.objectContaining({ event: "request", route: "auth.signin", status: 403, outcome: "forbidden_origin" }),
    ]);
  });
});

describe("API route handlers", () => {
  // Answers that are the same for everyone may skip the wrapper; every other handler goes through it.
  const publicRoutes = ["app/api/products/route.ts"];
  const root = path.resolve(__dirname, "../../..");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? walk(full) : name === "route.ts" ? [path.relative(root, full)] : [];
    });

  it("all go through route(), so each is logged and no-store", () => {
    const handlers = walk(path.join(root, "app/api"))
      .filter((file) => !publicRoutes.includes(file))
      .flatMap((file) =>
        [...readFileSync(path.join(root, file), "utf8").matchAll(/export (?:async )?(?:const|function) (GET|POST|PUT|PATCH|DELETE)\b(.{0,9})/g)].map(([, method, rest]) => ({
          handler: `${file} ${method}`,
          wrapped: rest === " = route(",
        })),
      );
    expect(handlers.length).toBeGreaterThan(8);
    expect(handlers.filter((h) => !h.wrapped).map((h) => h.handler)).toEqual([]);
  });
});
