import { createHmac, randomBytes } from "node:crypto";

/** 256 bits of randomness, URL-safe: the session token the client holds. */
export function createSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * What the database stores instead of the token. Keyed with SESSION_SECRET so that a leaked table
 * can neither be replayed nor brute-forced offline without the secret as well.
 */
export function hashSessionToken(token: string, secret: string): string {
  return createHmac("sha256", secret).update(token).digest("hex");
}

/** Tokens we issue are 43 base64url characters; anything else is not worth a database lookup. */
export function looksLikeSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
