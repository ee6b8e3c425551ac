import { EnvError } from "@/lib/env";
import { PiApiError } from "@/lib/pi/errors";

/** An error meant for the client: a stable snake_case code, a human sentence and an HTTP status. */
export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string[]> } };

export function errorResponse(status: number, code: string, message: string, fields?: Record<string, string[]>) {
  const body: ErrorBody = { error: { code, message, ...(fields ? { fields } : {}) } };
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
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
  if (error instanceof AppError) return errorResponse(error.status, error.code, error.message, error.fields);
  if (error instanceof PiApiError) {
    console.error(`[${context}] Pi Platform API failure: ${error.message}`);
    return error.kind === "unavailable"
      ? errorResponse(503, "pi_unavailable", "Pi's servers could not be reached. Please try again in a moment.")
      : errorResponse(502, "pi_rejected", "Pi refused the request.");
  }
  if (error instanceof EnvError) {
    console.error(`[${context}] ${error.message}`);
    return errorResponse(500, "server_misconfigured", "The server is not configured correctly.");
  }
  console.error(`[${context}] unexpected error: ${describe(error)}`);
  return errorResponse(500, "internal_error", "Something went wrong on our side.");
}
