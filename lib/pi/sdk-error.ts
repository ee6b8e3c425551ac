/**
 * A failure of Pi's SDK, by reason (its words for the Pioneer are in lib/i18n/messages, `sdk.*`). A
 * module of its own, so code that only recognises the error does not load the SDK wrapper.
 */
export class PiSdkError extends Error {
  override name = "PiSdkError";

  constructor(
    readonly reason: "not_loaded" | "load_timeout" | "not_in_pi_browser" | "declined" | "not_finished" | "previous_payment_pending" | "payment_failed",
    message: string,
  ) {
    super(message);
  }
}

/** The Pioneer said no in Pi's consent sheet (as opposed to Pi failing). */
export const declinedInPi = (reason: unknown) => reason instanceof PiSdkError && reason.reason === "declined";
