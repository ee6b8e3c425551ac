import "server-only";
import { requireCaller, type Caller } from "@/lib/auth";
import { AppError } from "@/lib/contract";
import { getDb } from "@/lib/db";
import { hitRateLimit } from "@/lib/db/repositories/rate-limits";
import { getLimitsEnv } from "@/lib/config/server";
import { clientAddress } from "./client-address";

/**
 * Request limits, counted in the database so they hold across instances. Over a limit: 429
 * `rate_limited` with Retry-After. Each limit is per minute; 0 turns it off.
 */

const windowMs = 60_000;
/** Without a trustworthy client address every sign-in shares one counter, this many times larger. */
const sharedSignInFactor = 10;

/** The sign-in limit as configured, and where its client address comes from (/debug shows it). */
export function signInLimit() {
  const { onVercel, trustProxy, signInPerMinute } = getLimitsEnv();
  return { onVercel, trustProxy, perMinute: signInPerMinute, sharedPerMinute: signInPerMinute * sharedSignInFactor };
}

function enforce({ hits, windowStart }: { hits: number; windowStart: Date }, perMinute: number, now: Date): void {
  if (hits <= perMinute) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  throw new AppError("rate_limited", `Too many requests. Try again in ${retryAfterSeconds} s.`, undefined, retryAfterSeconds);
}

async function consume(key: string, perMinute: number): Promise<void> {
  if (perMinute <= 0) return;
  const now = new Date();
  enforce(await hitRateLimit(await getDb(), key, now, windowMs), perMinute, now);
}

/** Sign-ins per client address: each costs a call to Pi's /me. */
export function limitSignIn(request: Request): Promise<void> {
  const limit = signInLimit();
  const address = clientAddress(request.headers, limit);
  return address ? consume(`signin:${address}`, limit.perMinute) : consume("signin:*", limit.sharedPerMinute);
}

/**
 * The signed-in caller (as `requireCaller`), within the order and payment requests allowed per
 * Pioneer: each payment call costs a read of Pi with the server key. The session lookup counts the
 * request in the same statement, so the limit costs no extra round trip.
 */
export async function requireCallerWithinLimit(request: Request): Promise<Caller> {
  const perMinute = getLimitsEnv().apiPerMinute;
  if (perMinute <= 0) return requireCaller(request);
  const now = new Date();
  const caller = await requireCaller(request, { keyPrefix: "api:", windowMs, now });
  if (caller.count) enforce(caller.count, perMinute, now);
  return caller;
}
