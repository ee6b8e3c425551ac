import "server-only";
import type { z } from "zod";
import { getPiEnv } from "@/lib/config/server";
import { PiApiError } from "./errors";
import { exchange, NoAnswerError, type ExchangeResult } from "./transport";
import { incompleteServerPaymentsSchema, paymentDtoSchema, piErrorBodySchema, rewardedAdStatusSchema, userDtoSchema, type PaymentDto, type RewardedAdStatusDto, type UserDto } from "./schemas";

/**
 * The one module through which the app speaks to the Pi Platform API (real or emulator: only
 * PI_API_BASE_URL differs). Every answer is parsed with zod; every failure becomes a PiApiError.
 */

type Auth = { bearer: string } | "server-key";

/**
 * Reads are retried on no answer, 5xx and 429, with jittered backoff, all within this budget:
 * shorter than the ~10 s after which Pi's SDK repeats a callback, so retries never pile up.
 * Approve, complete and cancel are never repeated blindly: the caller re-reads the payment instead.
 */
const readBudgetMs = 8_000;
const firstBackoffMs = 200;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function attempt<T>(method: "GET" | "POST", path: string, auth: Auth, schema: z.ZodType<T>, body: unknown, timeoutMs: number): Promise<T> {
  const { apiBaseUrl, apiKey } = getPiEnv();
  const headers: Record<string, string> = {
    Accept: "application/json",
    // Some edge networks turn away requests that name no client.
    "User-Agent": "pi-next-starter",
    Authorization: auth === "server-key" ? `Key ${apiKey}` : `Bearer ${auth.bearer}`,
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";

  let answer: ExchangeResult;
  try {
    answer = await exchange({ method, url: `${apiBaseUrl}${path}`, headers, body: body === undefined ? undefined : JSON.stringify(body), timeoutMs });
  } catch (error) {
    const timedOut = error instanceof NoAnswerError && error.reason === "timeout";
    throw new PiApiError("unavailable", 0, timedOut ? "timeout" : "network_error", `${method} ${path}: ${timedOut ? `no answer within ${timeoutMs} ms` : "Pi could not be reached"}`);
  }
  const { status, json } = answer;

  // Never followed: the server key must not travel to wherever a redirect points.
  if (status >= 300 && status < 400) {
    throw new PiApiError("unavailable", status, "redirect", `${method} ${path}: Pi answered ${status}, a redirect, which is not followed`);
  }

  if (status >= 400) {
    const parsed = piErrorBodySchema.safeParse(json);
    const code = parsed.success ? parsed.data.error : `http_${status}`;
    const kind = status >= 500 || status === 429 || status === 408 ? "unavailable" : "rejected";
    const retryAfter = Number(answer.retryAfter ?? Number.NaN);
    throw new PiApiError(kind, status, code, `${method} ${path}: Pi answered ${status} ${code}`, Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined);
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new PiApiError("unavailable", status, "bad_response", `${method} ${path}: unexpected response shape`);
  }
  return parsed.data;
}

async function call<T>(method: "GET" | "POST", path: string, auth: Auth, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const { timeoutMs } = getPiEnv();
  if (method !== "GET") return attempt(method, path, auth, schema, body, timeoutMs);
  const deadline = Date.now() + Math.min(readBudgetMs, timeoutMs);
  for (let tries = 0; ; tries++) {
    try {
      return await attempt(method, path, auth, schema, body, Math.max(1, deadline - Date.now()));
    } catch (error) {
      // A garbled 200 or a redirect is not worth asking again; a refusal is Pi's answer.
      if (!(error instanceof PiApiError) || error.kind !== "unavailable" || error.code === "bad_response" || error.code === "redirect") throw error;
      const backoff = error.retryAfterMs ?? firstBackoffMs * 2 ** tries * (0.5 + Math.random());
      if (Date.now() + backoff >= deadline) throw error;
      await sleep(backoff);
    }
  }
}

const paymentPath = (paymentId: string) => `/payments/${encodeURIComponent(paymentId)}`;

/** Pi's Platform API, one function per endpoint. Named for Pi's side: the app's own steps are in lib/payments. */
export const piApi = {
  /** GET /me with the Pioneer's access token: the only source of identity. */
  me: (accessToken: string): Promise<UserDto> => call("GET", "/me", { bearer: accessToken }, userDtoSchema),
  /** GET /payments/{id}: Pi's own record of a payment. */
  getPayment: (paymentId: string): Promise<PaymentDto> => call("GET", paymentPath(paymentId), "server-key", paymentDtoSchema),
  /** POST /payments/{id}/approve: lets the Pioneer sign the transaction. */
  approve: (paymentId: string): Promise<PaymentDto> => call("POST", `${paymentPath(paymentId)}/approve`, "server-key", paymentDtoSchema),
  /** POST /payments/{id}/complete with the payment's own txid: closes the payment on Pi's side. */
  complete: (paymentId: string, txid: string): Promise<PaymentDto> =>
    call("POST", `${paymentPath(paymentId)}/complete`, "server-key", paymentDtoSchema, { txid }),
  /** GET /payments/incomplete_server_payments: the app's open app-to-user payments; harmless, so it also tests the key. */
  incompleteServerPayments: async (): Promise<PaymentDto[]> =>
    (await call("GET", "/payments/incomplete_server_payments", "server-key", incompleteServerPaymentsSchema)).incomplete_server_payments,
  /** POST /payments/{id}/cancel: only possible while the payment has no transaction. */
  cancel: (paymentId: string): Promise<PaymentDto> => call("POST", `${paymentPath(paymentId)}/cancel`, "server-key", paymentDtoSchema, {}),
  /** POST /payments: an app-to-user payment (a payout), created approved; never repeated blindly (see lib/payouts). */
  createPayment: (payment: { amount: number; memo: string; metadata: Record<string, string>; uid: string }): Promise<PaymentDto> =>
    call("POST", "/payments", "server-key", paymentDtoSchema, { payment }),
  /** GET /ads_network/status/{adId}: whether Pi's ad network granted the reward of a rewarded ad. */
  adStatus: (adId: string): Promise<RewardedAdStatusDto> => call("GET", `/ads_network/status/${encodeURIComponent(adId)}`, "server-key", rewardedAdStatusSchema),
};
