import { AppError, type ErrorBody, type ErrorCode } from "@/lib/contract";
import { EnvError } from "@/lib/env";
import { PiApiError } from "@/lib/pi/errors";
import { httpStatus } from "./status";

export function errorResponse(code: ErrorCode, message: string, fields?: Record<string, string[]>, headers: Record<string, string> = {}) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return Response.json(body, { status: httpStatus[code], headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * A log line for an unexpected error. Drizzle's query errors carry the SQL parameters (uids, memos,
 * token hashes) in their message, so for those only the driver's own message (the cause) is logged.
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause : null;
  return cause ? `${error.name} (${cause.message})` : `${error.name}: ${error.message}`;
}

/** Maps anything thrown in a route to the one error shape. Unknown errors are logged and hidden. */
export function toErrorResponse(error: unknown, context: string): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { "Retry-After": String(error.retryAfterSeconds) };
    return errorResponse(error.code, error.message, error.fields, headers);
  }
  if (error instanceof PiApiError) {
    console.error(`[${context}] Pi Platform API failure: ${error.message}`);
    return error.kind === "unavailable"
      ? errorResponse("pi_unavailable", "Pi's servers could not be reached. Please try again in a moment.")
      : errorResponse("pi_rejected", "Pi refused the request.");
  }
  if (error instanceof EnvError) {
    console.error(`[${context}] ${error.message}`);
    return errorResponse("server_misconfigured", "The server is not configured correctly.");
  }
  console.error(`[${context}] unexpected error: ${describe(error)}`);
  return errorResponse("internal_error", "Something went wrong on our side.");
}
