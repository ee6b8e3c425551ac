import "server-only";
import http from "node:http";
import https from "node:https";

/**
 * One HTTP exchange with Pi's API over node:http(s), connections kept alive. Not `fetch`: in Node
 * 20 each fetch costs about 0.3 ms of CPU more than this (WHATWG streams, and Next's own wrapper
 * around fetch), and a purchase makes five Pi calls (docs/PERFORMANCE.md, sixth round).
 */

export type Exchange = { method: "GET" | "POST"; url: string; headers: Record<string, string>; body?: string; timeoutMs: number };
export type ExchangeResult = { status: number; retryAfter: string | null; json: unknown };

/** No answer at all: the caller decides whether to ask again. */
export class NoAnswerError extends Error {
  override name = "NoAnswerError";
  constructor(readonly reason: "timeout" | "network_error") {
    super(reason === "timeout" ? "no answer in time" : "could not be reached");
  }
}

// Idle connections close before a typical server's keep-alive (often 5 s) would close them under us.
const agentOptions = { keepAlive: true, timeout: 4_000 };
const agents = { "http:": new http.Agent(agentOptions), "https:": new https.Agent(agentOptions) };

// Pi's answers are a few kilobytes; anything far larger is not an answer worth holding in memory.
const maxBodyBytes = 1_000_000;

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Sends one request and reads the whole answer; redirects are returned as they are, never followed. */
export function exchange({ method, url, headers, body, timeoutMs }: Exchange): Promise<ExchangeResult> {
  const target = new URL(url);
  const secure = target.protocol === "https:";
  const client = secure ? https : http;
  const agent = agents[secure ? "https:" : "http:"];
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const request = client.request(target, { method, headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) }, agent });
    const timer = setTimeout(() => {
      timedOut = true;
      request.destroy(new Error("timeout"));
    }, timeoutMs);
    const fail = () => {
      clearTimeout(timer);
      reject(new NoAnswerError(timedOut ? "timeout" : "network_error"));
    };
    request.on("error", fail);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const retryAfter = typeof response.headers["retry-after"] === "string" ? response.headers["retry-after"] : null;
      const chunks: Buffer[] = [];
      let size = 0;
      response.on("data", (chunk: Buffer) => {
        size += chunk.length;
        chunks.push(chunk);
        if (size <= maxBodyBytes) return;
        clearTimeout(timer);
        resolve({ status, retryAfter, json: undefined });
        request.destroy();
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status, retryAfter, json: parseJson(Buffer.concat(chunks)) });
      });
      // The connection dropped or timed out halfway through the answer.
      response.on("error", fail);
      response.on("close", () => {
        if (!response.complete) fail();
      });
    });
    request.end(body);
  });
}
