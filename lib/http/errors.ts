import { AppError, type ErrorBody, type ErrorCode } from "@/lib/contract";
import { EnvError } from "@/lib/config/parse";
import { logError, type LogFields } from "@/lib/log";
import { PiApiError } from "@/lib/pi/errors";
import { httpStatus } from "./status";

export function errorResponse(code: ErrorCode, message: string, fields?: Record<string, string[]>, headers: Record<string, string> = {}) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return Response.json(body, { status: httpStatus[code], headers: { "Cache-Control": "no-store", ...headers } });
}

/**
 * What an unexpected error may say in a log. Drizzle's query errors carry the SQL parameters (uids,
 * memos, token hashes) in their message, so for those only the driver's own message (the cause) is kept.
 */
function describe(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const cause = error.cause instanceof Error ? error.cause : null;
  return { error: error.name, cause: cause ? cause.message : error.message };
}

/** Maps anything thrown in a route to the one error shape. Unknown errors are logged and hidden. */
export function toErrorResponse(error: unknown, context: string): Response {
  if (error instanceof AppError) {
    const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { "Retry-After": String(error.retryAfterSeconds) };
    return errorResponse(error.code, error.message, error.fields, headers);
  }
  if (error instanceof PiApiError) {
    logError("pi_api_failure", { route: context, kind: error.kind, piStatus: error.status, code: error.code, cause: error.message });
    return error.kind === "unavailable"
      ? errorResponse("pi_unavailable", "Pi's servers could not be reached. Please try again in a moment.")
      : errorResponse("pi_rejected", "Pi refused the request.");
  }
  if (error instanceof EnvError) {
    logError("server_misconfigured", { route: context, cause: error.message });
    return errorResponse("server_misconfigured", "The server is not configured correctly.");
  }
  logError("unexpected_error", { route: context, ...describe(error) });
  return errorResponse("internal_error", "Something went wrong on our side.");
}
