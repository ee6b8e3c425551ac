import { z } from "zod";

/** How every configuration value is read: empty strings count as missing, failures name the variable and the fix. */

export const blankAsMissing = (value: unknown) => (value === "" ? undefined : value);
export const optionalString = z.preprocess(blankAsMissing, z.string().optional());
export const booleanFlag = z.preprocess(blankAsMissing, z.enum(["true", "false"]).default("false")).transform((v) => v === "true");
export const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
export const wholeNumber = (fallback: number, min = 0, max = 1_000_000) => z.preprocess(blankAsMissing, z.coerce.number().int().min(min).max(max).default(fallback));

export const hints: Record<string, string> = {
  PI_API_KEY: "Copy the Server API Key of your app from the Pi Developer Portal, or leave it unset and run `npm run dev` to use the local emulator.",
  PI_API_BASE_URL: "Use https://api.minepi.com/v2 (the default) or the emulator's http://127.0.0.1:<port>/v2.",
  PI_NETWORK: 'Use "Pi Testnet" or "Pi Network" (Mainnet), matching the app you created in the Developer Portal.',
  SESSION_SECRET: "Generate one with `openssl rand -base64 48`; it must be at least 32 characters.",
  CRON_SECRET: "Generate one with `openssl rand -base64 48` (not the SESSION_SECRET), or unset it to turn the cron route off.",
  DATABASE_URL: "Use a postgres:// URL, or unset it to use the embedded database.",
  DATABASE_POOL_MAX: "Use a whole number of connections between 1 and 1000 (default 10).",
  NEXT_PUBLIC_PI_SANDBOX: 'Set it to "true" inside the Pi Sandbox and "false" in Pi Browser.',
  NEXT_PUBLIC_PI_SDK_URL: "Use https://sdk.minepi.com/pi-sdk.js (the default) or the emulator's /pi-sdk.js.",
  PI_ALLOW_LOCAL_API: 'Use "true" or "false".',
  PI_API_TIMEOUT_MS: "Use a whole number of milliseconds between 100 and 60000 (default 10000).",
  ALLOWED_ORIGINS: "Use a comma-separated list of origins such as https://example.com.",
  RECONCILE_AFTER_SECONDS: "Use a whole number of seconds (default 120; 0 acts at once).",
  ORDER_TTL_MINUTES: "Use a whole number of minutes, at least 1 (default 30).",
  RATE_LIMIT_SIGNIN_PER_MINUTE: "Use a whole number (default 30; 0 turns the limit off).",
  RATE_LIMIT_API_PER_MINUTE: "Use a whole number (default 120; 0 turns the limit off).",
  TRUST_PROXY: 'Use "true" only behind a reverse proxy that sets X-Forwarded-For.',
  NEXT_PUBLIC_PI_OAUTH_CLIENT_ID: "Copy the client id the Developer Portal shows once Pi Sign-in is enabled, or leave it unset.",
  NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL: "Use https://accounts.pinet.com/oauth/authorize (the default) or the emulator's /oauth/authorize.",
  PI_WALLET_SEED: "Copy the app wallet's secret seed (S…, 56 characters) from the Pi Developer Portal into the server's environment only; see docs/PAYOUTS.md.",
  PAYOUTS_ENABLED: 'Use "true" to switch app-to-user payouts on (with PI_WALLET_SEED), "false" (the default) to keep them off.',
  PAYOUTS_MAINNET: 'Use "true" only once payouts work on Testnet: a Mainnet app pays out only with it.',
  PI_HORIZON_URL: "Use https://api.testnet.minepi.com (Testnet) or https://api.mainnet.minepi.com (Mainnet), or the emulator's http://127.0.0.1:<port>/horizon.",
  NEXT_PUBLIC_APP_NAME: "Use 1 to 40 characters; Pi's listing rules refuse a name that starts with \"Pi\".",
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses `source` (process.env by default) against `shape`, or throws an EnvError listing every problem. */
export function parse<T extends z.ZodRawShape>(shape: T, source: Record<string, string | undefined> = process.env) {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    return `- ${name}: ${issue.message}. ${hints[name] ?? ""}`.trimEnd();
  });
  throw new EnvError(`Invalid configuration:\n${lines.join("\n")}\nSee .env.example.`);
}

/** A value computed on first use; `reset()` forgets it (tests change process.env). */
export function memo<T>(read: () => T) {
  let value: { v: T } | undefined;
  const get = () => (value ??= { v: read() }).v;
  get.reset = () => {
    value = undefined;
  };
  return get;
}

