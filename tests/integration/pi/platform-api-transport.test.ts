// @vitest-environment node
// How the Pi client behaves on the wire, against servers that misbehave in ways the emulator's
// faults don't: a redirect, an endless answer, a connection cut mid-answer, and kept-alive sockets.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnv } from "@/lib/config/server";
import { PiApiError } from "@/lib/pi/errors";
import { piApi } from "@/lib/pi/platform-api";
import { paymentDtoFixture } from "@/tests/fixtures/pi-dtos";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

let handler: Handler = (_request, response) => response.end();
const seen: { path: string; authorization: string | undefined; socket: unknown }[] = [];
const server = http.createServer((request, response) => {
  seen.push({ path: request.url ?? "", authorization: request.headers.authorization, socket: request.socket });
  handler(request, response);
});
const other = http.createServer((request, response) => {
  seen.push({ path: `other:${request.url ?? ""}`, authorization: request.headers.authorization, socket: request.socket });
  response.end("{}");
});
const saved = { ...process.env };

const listen = (s: http.Server) => new Promise<number>((resolve) => s.listen(0, "127.0.0.1", () => resolve((s.address() as AddressInfo).port)));
const json = (status: number, body: unknown, headers: Record<string, string> = {}): Handler => (_request, response) => {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(JSON.stringify(body));
};
const failureOf = (promise: Promise<unknown>) => promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => error as PiApiError);

let otherPort = 0;
beforeAll(async () => {
  const port = await listen(server);
  otherPort = await listen(other);
  process.env.PI_API_BASE_URL = `http://127.0.0.1:${port}/v2`;
  process.env.PI_API_KEY = "transport-test-key";
  process.env.PI_API_TIMEOUT_MS = "600";
  resetEnv();
});
afterEach(() => {
  seen.length = 0;
});
afterAll(async () => {
  server.closeAllConnections();
  other.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => other.close(r))]);
  process.env = saved;
  resetEnv();
});

describe("the Pi client on the wire", () => {
  it("sends the server key and reads Pi's payment, reusing one connection for consecutive calls", async () => {
    const payment = { ...paymentDtoFixture, identifier: "pay-transport-1" };
    handler = json(200, payment);
    for (let i = 0; i < 5; i++) expect((await piApi.getPayment("pay-transport-1")).identifier).toBe("pay-transport-1");
    expect(seen.map((s) => s.path)).toEqual(Array(5).fill("/v2/payments/pay-transport-1"));
    expect(seen.every((s) => s.authorization === "Key transport-test-key")).toBe(true);
    expect(new Set(seen.map((s) => s.socket)).size).toBe(1);
  });

  it("sends a POST's body as JSON with its length", async () => {
    let received = "";
    handler = (request, response) => {
      request.setEncoding("utf8");
      request.on("data", (chunk: string) => (received += chunk));
      request.on("end", () => json(200, { ...paymentDtoFixture, identifier: "pay-transport-2" })(request, response));
    };
    await piApi.complete("pay-transport-2", "a".repeat(64));
    expect(JSON.parse(received)).toEqual({ txid: "a".repeat(64) });
  });

  it("never follows a redirect, so the key never travels to where it points, and does not ask again", async () => {
    handler = (_request, response) => {
      response.writeHead(307, { Location: `http://127.0.0.1:${otherPort}/steal` });
      response.end();
    };
    const error = await failureOf(piApi.getPayment("pay-redirect"));
    expect(error).toBeInstanceOf(PiApiError);
    expect(error).toMatchObject({ kind: "unavailable", status: 307, code: "redirect" });
    expect(seen.map((s) => s.path)).toEqual(["/v2/payments/pay-redirect"]);
  });

  it("gives up on an answer that never ends within the timeout, as unavailable", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.write('{"identifier":');
    };
    const error = await failureOf(piApi.approve("pay-slow"));
    expect(error).toMatchObject({ kind: "unavailable", status: 0, code: "timeout" });
  });

  it("treats a connection cut halfway through the answer as no answer, and a read asks again", async () => {
    let calls = 0;
    handler = (request, response) => {
      calls += 1;
      if (calls > 1) return json(200, { ...paymentDtoFixture, identifier: "pay-cut" })(request, response);
      response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "500" });
      response.write('{"identifier":"pay-');
      setTimeout(() => request.socket.destroy(), 10);
    };
    expect((await piApi.getPayment("pay-cut")).identifier).toBe("pay-cut");
    expect(calls).toBe(2);
  });

  it("refuses an absurdly large answer without holding it, and does not ask again", async () => {
    handler = (_request, response) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(`{"identifier":"${"x".repeat(2_000_000)}"}`);
    };
    expect(await failureOf(piApi.getPayment("pay-huge"))).toMatchObject({ kind: "unavailable", code: "bad_response" });
    expect(seen).toHaveLength(1);
  });

  it("keeps Pi's refusal and its Retry-After", async () => {
    handler = json(404, { error: "payment_not_found", error_message: "no such payment" });
    expect(await failureOf(piApi.approve("pay-missing"))).toMatchObject({ kind: "rejected", status: 404, code: "payment_not_found" });
    handler = json(429, { error: "too_many_requests" }, { "Retry-After": "7" });
    expect(await failureOf(piApi.approve("pay-busy"))).toMatchObject({ kind: "unavailable", status: 429, retryAfterMs: 7_000 });
  });

  it("reports an unreachable Pi as unavailable", async () => {
    process.env.PI_API_BASE_URL = "http://127.0.0.1:1/v2";
    resetEnv();
    try {
      expect(await failureOf(piApi.approve("pay-nowhere"))).toMatchObject({ kind: "unavailable", status: 0, code: "network_error" });
    } finally {
      process.env.PI_API_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`;
      resetEnv();
    }
  });
});
