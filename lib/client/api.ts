import { AppError, isErrorCode, type ErrorCode } from "@/lib/contract";

/**
 * The browser's client for our own API. It sends the session token as a bearer header when it
 * has one (kept in memory only: iOS Pi Browser and framed pages may drop the cookie) and turns
 * the `{error: {code, message}}` shape back into a typed ApiError, which SWR surfaces as `error`.
 */
export class ApiError extends AppError {
  override name = "ApiError";

  constructor(
    /** The HTTP status, or 0 when no answer arrived. */
    readonly status: number,
    code: ErrorCode,
    message: string,
  ) {
    super(code, message);
  }
}

let sessionToken: string | null = null;

export function setSessionToken(token: string | null) {
  sessionToken = token;
}

async function readError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  const code = isErrorCode(body?.error?.code) ? body.error.code : "unexpected_response";
  const message = typeof body?.error?.message === "string" ? body.error.message : "The server could not handle this request.";
  return new ApiError(response.status, code, message);
}

/**
 * A phone's connection can stall without failing, and the browser waits minutes before it gives up:
 * meanwhile a purchase would show "Completing…" and drop Pi's repeats. Past the longest a payment
 * route may run (vercel.json's maxDuration, 30 s), so a slow Pi is still waited for.
 */
const defaultTimeoutMs = 35_000;

const unreachable = () => new ApiError(0, "network_error", "The app's server could not be reached. Check your connection.");

export async function api<T>(path: string, init: { method?: "GET" | "POST"; body?: unknown; timeoutMs?: number } = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (sessionToken) headers.Authorization = `Bearer ${sessionToken}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), init.timeoutMs ?? defaultTimeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(path, {
        method: init.method ?? "GET",
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        credentials: "same-origin",
        cache: "no-store",
        signal: controller.signal,
      });
    } catch {
      throw unreachable();
    }
    if (!response.ok) throw await readError(response);
    return (await response.json().catch((error: unknown) => {
      throw controller.signal.aborted ? unreachable() : error;
    })) as T;
  } finally {
    clearTimeout(timer);
  }
}

/** SWR fetcher: the key is the API path. */
export const fetcher = <T,>(path: string) => api<T>(path);
