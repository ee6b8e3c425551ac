/**
 * Every error code our API can answer, in one union shared by the route handlers and the browser,
 * so a code is never a bare string matched across layers. The HTTP status of each lives in
 * lib/http/status.ts; what the Pioneer reads is the error's message.
 */
export const errorCodes = [
  // The request itself
  "invalid_request",
  "payload_too_large",
  "not_found",
  "rate_limited",
  // Who is asking
  "unauthenticated",
  "signed_out",
  "forbidden_origin",
  "invalid_pi_token",
  // Orders and payments
  "product_not_found",
  "payment_not_found",
  "payment_not_cancelled",
  "order_cancelled",
  "pi_refused",
  // Payment rules (lib/payments/rules.ts)
  "payment_not_yours",
  "wrong_direction",
  "wrong_network",
  "payment_cancelled",
  "order_not_found",
  "order_not_awaiting_payment",
  "order_bound_to_other_payment",
  "amount_mismatch",
  "memo_mismatch",
  "payment_not_bound",
  "transaction_missing",
  "txid_mismatch",
  // Refunds and payouts
  "order_not_refundable",
  "payouts_disabled",
  // Rewarded ads
  "ad_not_found",
  "ad_already_claimed",
  "ad_not_rewarded",
  "ad_reward_expired",
  "reward_limit_reached",
  // Our side or Pi's
  "pi_unavailable",
  "pi_rejected",
  "server_misconfigured",
  "cron_not_configured",
  "internal_error",
  // Seen only by the browser: no answer, or an answer that is not ours
  "network_error",
  "unexpected_response",
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: Record<string, string[]> } };

const known = new Set<string>(errorCodes);
export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === "string" && known.has(value);

/** An error with a code from the union above and a sentence for the Pioneer. */
export class AppError extends Error {
  override name = "AppError";

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    /** When asking again makes sense (a rate limit), in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
