// @vitest-environment node
// Runs sign-in, a purchase and failing requests with known secrets in play, and fails if any of
// them reaches stdout, stderr or the console, in the logs or anywhere else.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as sessionGET } from "@/app/api/auth/session/route";
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { POST as signoutPOST } from "@/app/api/auth/signout/route";
import { POST as ordersPOST } from "@/app/api/orders/route";
import { call, useEmulator } from "../../helpers/app";
import { useEngineEnv } from "../../helpers/db-engines";
import { shop } from "../../helpers/shop";

const cronSecret = "dummy-cron-secret-for-the-log-test";

describe("logs", () => {
  useEngineEnv("pglite");
  const emulator = useEmulator();
  const s = shop(emulator);
  let written: string[] = [];

  beforeAll(() => vi.stubEnv("CRON_SECRET", cronSecret));
  afterAll(() => vi.unstubAllEnvs());

  beforeEach(() => {
    written = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array) => {
        written.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
        return true;
      });
    }
    // A console call is a line of its own (and not JSON, so the test fails on it too).
    const record = (...parts: unknown[]) => void written.push(`${parts.map(String).join(" ")}\n`);
    for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method).mockImplementation(record);
  });
  afterEach(() => vi.restoreAllMocks());

  const lines = () =>
    written
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it("say what happened to each request and never carry a key, token, cookie or secret", async () => {
    const alice = await s.pioneer("alice-logs");
    const order = await s.order(alice);
    const payment = await s.payOrder(alice, order);
    expect((await s.approve(alice, payment.identifier)).status).toBe(200);
    expect((await s.complete(alice, payment.identifier, await s.sign(payment.identifier))).status).toBe(200);

    const { PI_API_KEY: apiKey = "", SESSION_SECRET: sessionSecret = "" } = process.env;
    const signIn = (accessToken: string, origin?: string) => call(signinPOST, "POST", "/api/auth/signin", { body: { accessToken }, origin });
    for (const token of [`${alice.accessToken}x`, apiKey, cronSecret]) expect((await signIn(token)).status).toBe(401);
    expect((await signIn(alice.accessToken, "https://evil.example")).status).toBe(403);
    expect((await call(signinPOST, "POST", "/api/auth/signin", { rawBody: `{"accessToken":"${alice.accessToken}"` })).status).toBe(400);
    for (const token of [cronSecret, `${alice.sessionToken}x`]) expect((await call(sessionGET, "GET", "/api/auth/session", { token })).status).toBe(401);
    expect((await call(signoutPOST, "POST", "/api/auth/signout", { cookie: alice.sessionToken, origin: null })).status).toBe(403);
    expect((await call(ordersPOST, "POST", "/api/orders", { token: alice.sessionToken, body: { productId: alice.sessionToken } })).status).toBe(404);
    expect((await s.approve(alice, alice.accessToken)).status).toBeGreaterThanOrEqual(400);
    // Enough failures to outlast any retries of the read.
    await s.fault({ method: "GET", path: "/v2/me", mode: "error", status: 500, times: 20 });
    expect((await signIn(alice.accessToken)).status).toBe(503);

    const everything = written.join("\n");
    for (const secret of [apiKey, sessionSecret, cronSecret, alice.accessToken, alice.sessionToken]) {
      expect(secret.length).toBeGreaterThan(8);
      expect(everything).not.toContain(secret);
    }

    // Every line is one JSON event, and the requests are all there with what is known about them.
    const requests = lines().filter((line) => line.event === "request");
    expect(requests).toContainEqual(expect.objectContaining({ route: "auth.signin", method: "POST", status: 200, outcome: "ok", ms: expect.any(Number) as number }));
    expect(requests).toContainEqual(expect.objectContaining({ route: "orders.create", status: 201, orderId: order.id }));
    expect(requests).toContainEqual(expect.objectContaining({ route: "payments.approve", status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: "payments.complete", status: 200 }));
    expect(requests).toContainEqual(expect.objectContaining({ route: "auth.signin", status: 403, outcome: "forbidden_origin" }));
    expect(requests).toContainEqual(expect.objectContaining({ route: "auth.session", status: 401, outcome: "unauthenticated" }));
    expect(requests).toContainEqual(expect.objectContaining({ route: "auth.signin", status: 503, outcome: "pi_unavailable" }));
    expect(lines()).toContainEqual(expect.objectContaining({ level: "error", event: "pi_api_failure", route: "auth.signin", piStatus: 500 }));
  });
});
