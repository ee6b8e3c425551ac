// Small HTTP vocabulary shared by the route modules: parsed requests, JSON answers, Pi error bodies.
import type { IncomingHttpHeaders } from "node:http";
import { z } from "zod";
import type { PiNetworkName } from "./config";
import { toPaymentDto } from "./dto";
import type { Failure, Outcome } from "./payments";

export interface EmulatorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: EmulatorResponse };

/** Every answer allows any origin: the SDK runs on the app's origin, and nothing here is secret. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Max-Age": "600",
};

export function json(status: number, value: unknown): EmulatorResponse {
  return { status, headers: { "Content-Type": "application/json; charset=utf-8" }, body: JSON.stringify(value) };
}

/** Pi's error body: `{error, error_message}` plus optional extra fields. */
export function apiError(status: number, error: string, message: string, extra: Record<string, unknown> = {}): EmulatorResponse {
  return json(status, { error, error_message: message, ...extra });
}

export function failureResponse(failure: Failure, network: PiNetworkName): EmulatorResponse {
  return apiError(failure.status, failure.error, failure.message, {
    ...(failure.payment ? { payment: toPaymentDto(failure.payment, network) } : {}),
    ...(failure.verificationError ? { verification_error: failure.verificationError } : {}),
  });
}

export function outcomeResponse(outcome: Outcome, network: PiNetworkName): EmulatorResponse {
  return outcome.ok ? json(200, toPaymentDto(outcome.payment, network)) : failureResponse(outcome.failure, network);
}

/** For text placed in HTML, attribute values included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function html(status: number, body: string, headers: Record<string, string> = {}): EmulatorResponse {
  return { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers }, body };
}

export const notFound = (): EmulatorResponse => apiError(404, "not_found", "No such route.");

export const paymentNotFound = (id: string): EmulatorResponse =>
  apiError(404, "payment_not_found", `No payment with identifier ${id}.`);

/** Parses the body as JSON (an empty body is `undefined`), then validates it; never casts. */
export function parseBody<T>(req: EmulatorRequest, schema: z.ZodType<T>): Parsed<T> {
  let raw: unknown = undefined;
  if (req.body.trim() !== "") {
    try {
      raw = JSON.parse(req.body);
    } catch {
      return { ok: false, response: apiError(400, "invalid_arguments", "The request body is not valid JSON.") };
    }
  }
  const result = schema.safeParse(raw);
  if (!result.success) return { ok: false, response: apiError(400, "invalid_arguments", z.prettifyError(result.error)) };
  return { ok: true, value: result.data };
}

/** Matches "/v2/payments/:id/approve"-style patterns; returns the named segments or null. */
export function matchRoute(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? "";
    if (segment.startsWith(":")) {
      const value = safeDecode(actual);
      if (!value) return null;
      params[segment.slice(1)] = value;
    } else if (segment !== actual) {
      return null;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The credential after a given scheme in the Authorization header ("Key …" or "Bearer …"). */
export function authCredential(req: EmulatorRequest, scheme: "Key" | "Bearer"): string | undefined {
  const header = req.headers.authorization ?? "";
  const prefix = `${scheme} `;
  return header.startsWith(prefix) ? header.slice(prefix.length).trim() : undefined;
}

export const paymentInputSchema = z.object({
  amount: z.number().finite().positive(),
  memo: z.string().max(1000),
  metadata: z.record(z.string(), z.unknown()),
});

/**
 * GET/POST `path` {`key`: boolean}: a switch of the control API, read and flipped on `state`.
 * Undefined for another path or method, so the caller tries its next route.
 */
export function switchRoute<K extends string>(req: EmulatorRequest, path: string, key: K, state: Record<K, boolean>): EmulatorResponse | undefined {
  if (req.path !== path) return undefined;
  if (req.method === "POST") {
    const body = parseBody(req, z.object({ [key]: z.boolean() }));
    if (!body.ok) return body.response;
    // Always there once parsed; zod types a computed key as an index signature.
    const value = body.value[key];
    if (value !== undefined) state[key] = value;
  } else if (req.method !== "GET") {
    return undefined;
  }
  return json(200, { [key]: state[key] });
}
