import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { secretValues } from "@/lib/config/server";

/**
 * Structured logs: one JSON line per event. Only the keys below ever reach a line, and string
 * values lose anything that looks like a credential, so a token can't leak through a new field or
 * an error message that quotes one.
 */

export type LogValue = string | number | boolean | null;
export type LogFields = Record<string, LogValue>;

// Add a key here when you need it; values of any other key are dropped.
const allowedKeys = new Set([
  ...["route", "method", "status", "outcome", "ms", "orderId", "paymentId", "txid", "error", "cause", "kind", "code", "piStatus", "reason"],
  // A reconciler run's counts.
  ...["trigger", "examined", "paid", "cancelled", "expired", "needsReview", "failed", "sessionsDeleted", "rateLimitsDeleted"],
  // Payouts and rewarded ads (ids and states only: never an amount's owner or a wallet seed).
  ...["payoutId", "from", "to", "adId", "payoutsCompleted", "payoutsNeedConsent", "payoutsFailed", "payoutsWaiting", "adRewardsGranted", "adRewardsRevoked", "adRewardsRefused"],
]);

const maxLength = 500;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// 32+ characters of base64 or hex: session and access tokens, API keys, hashes. Pi payment ids (28) stay.
const tokenLike = /[A-Za-z0-9+_=-]{32,}/g;

function redact(text: string): string {
  let clean = text;
  for (const secret of secretValues()) clean = clean.replaceAll(secret, "[redacted]");
  return clean
    .replace(/\b(Bearer|Basic)\s+\S+/gi, "$1 [redacted]")
    .replace(/\bKey\s+\S+/g, "Key [redacted]")
    .replace(/\/\/[^\s/@]*@/g, "//[redacted]@")
    .replace(tokenLike, (run) => (uuidPattern.test(run) ? run : "[redacted]"))
    .slice(0, maxLength);
}

function clean(fields: LogFields): LogFields {
  const kept: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!allowedKeys.has(key)) continue;
    // A transaction id is public (it is on the chain) and looks like a hash: it is the one exception.
    const publicTxid = key === "txid" && typeof value === "string" && /^[0-9a-f]{64}$/.test(value);
    kept[key] = typeof value === "string" && !publicTxid ? redact(value) : value;
  }
  return kept;
}

// Written through console (stdout and stderr), so a test runner can hold back a passing test's lines.
const line = (level: "info" | "error", event: string, fields: LogFields) => JSON.stringify({ time: new Date().toISOString(), level, event: redact(event), ...clean(fields) });

/** One JSON line on stdout. */
export function logEvent(event: string, fields: LogFields): void {
  console.log(line("info", event, fields));
}

/** One JSON line on stderr, for failures someone should look at. */
export function logError(event: string, fields: LogFields): void {
  console.error(line("error", event, fields));
}

const requestContext = new AsyncLocalStorage<LogFields>();

/** Runs one request's work; what `annotate` adds inside it is read back by `annotations()`. */
export function withLogContext<T>(work: () => Promise<T>): Promise<T> {
  return requestContext.run({}, work);
}

/** Adds fields (orderId, paymentId, outcome…) to the current request's log line; a no-op outside a request. */
export function annotate(fields: LogFields): void {
  const store = requestContext.getStore();
  if (store) Object.assign(store, fields);
}

/** What `annotate` added during the current request. */
export function annotations(): LogFields {
  return { ...requestContext.getStore() };
}
