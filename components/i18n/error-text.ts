"use client";

import { AppError } from "@/lib/contract";
import { Problem } from "@/lib/i18n/problem";
import { PiSdkError } from "@/lib/pi/sdk-error";
import type { I18n } from "./use-i18n";

/**
 * A failure in the Pioneer's language, from what it is rather than its English message: our API's
 * error code, the Pi SDK's reason, or the browser's own message key. Anything else (an SDK's
 * developer-facing message) becomes a neutral sentence.
 */
export function errorText(error: unknown, t: I18n["t"]): string {
  if (error instanceof Problem) return t(error.key, error.reason === undefined ? error.params : { ...error.params, reason: errorText(error.reason, t) });
  if (error instanceof PiSdkError) return t(`sdk.${error.reason}`);
  if (error instanceof AppError) return t(`errors.${error.code}`);
  return t("errors.unknown");
}
