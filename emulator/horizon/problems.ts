// Horizon's errors: RFC 7807 problem+json with Horizon's `type` URLs and titles (apps branch on type and status).
import type { EmulatorResponse } from "../http";
import type { ResultCodes } from "./ledger";

const TYPE_BASE = "https://stellar.org/horizon-errors/";

export function problem(status: number, type: string, title: string, detail: string, extras?: Record<string, unknown>): EmulatorResponse {
  const body = { type: `${TYPE_BASE}${type}`, title, status, detail, ...(extras ? { extras } : {}) };
  return { status, headers: { "Content-Type": "application/problem+json; charset=utf-8" }, body: JSON.stringify(body) };
}

export const notFoundProblem = (): EmulatorResponse =>
  problem(404, "not_found", "Resource Missing", "The resource at the requested URL was not found: the URL is not valid, or no data matches its parameters.");

export const badRequest = (field: string, reason: string): EmulatorResponse =>
  problem(400, "bad_request", "Bad Request", "The request you sent was invalid in some way.", { invalid_field: field, reason });

export const timeoutProblem = (): EmulatorResponse =>
  problem(504, "timeout", "Timeout", "Your request timed out before completing. Please try again; when submitting a transaction, send exactly the same one (same sequence number).");

export const unsupportedMediaType = (): EmulatorResponse =>
  problem(415, "unsupported_media_type", "Unsupported Media Type", "The only supported content type is application/x-www-form-urlencoded.");

export const transactionMalformed = (envelopeXdr: string): EmulatorResponse =>
  problem(400, "transaction_malformed", "Transaction Malformed", "Horizon could not decode the transaction envelope; it is echoed in extras.envelope_xdr.", {
    envelope_xdr: envelopeXdr,
  });

export const transactionFailed = (envelopeXdr: string, resultXdr: string, resultCodes: ResultCodes): EmulatorResponse =>
  problem(400, "transaction_failed", "Transaction Failed", "The transaction failed when submitted to the network; extras.result_codes says why.", {
    envelope_xdr: envelopeXdr,
    result_codes: resultCodes,
    result_xdr: resultXdr,
  });

const byStatus: Record<number, [type: string, title: string]> = {
  400: ["bad_request", "Bad Request"],
  404: ["not_found", "Resource Missing"],
  429: ["rate_limit_exceeded", "Rate Limit Exceeded"],
  503: ["service_unavailable", "Service Unavailable"],
  504: ["timeout", "Timeout"],
};

/** An `error` fault on a Horizon path: the status with Horizon's problem for it (server_error otherwise). */
export function faultProblem(status: number, type: string | undefined, message: string | undefined): EmulatorResponse {
  const [knownType, title] = byStatus[status] ?? ["server_error", "Internal Server Error"];
  return problem(status, type ?? knownType, title, message ?? "Fault injected by the Pi emulator.");
}
