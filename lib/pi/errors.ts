/**
 * Why a Platform API call failed. `kind` separates Pi's own refusals (it answered 4xx: don't retry
 * blindly) from the times we could not get an answer at all (5xx, timeout, network, garbage).
 */
export type PiFailureKind = "rejected" | "unavailable";

export class PiApiError extends Error {
  override name = "PiApiError";

  constructor(
    readonly kind: PiFailureKind,
    /** HTTP status from Pi, or 0 when no response arrived. */
    readonly status: number,
    /** Pi's error code (e.g. `already_completed`), or our own for transport failures (`timeout`, `network_error`, `redirect`, `bad_response`). */
    readonly code: string,
    message: string,
    /** Pi's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Pi refused the app's key itself (401, 403): an answer about the key, not about what was asked. */
  get refusedOurKey(): boolean {
    return this.status === 401 || this.status === 403;
  }
}
