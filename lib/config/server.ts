import "server-only";
import { z } from "zod";
import { blankAsMissing, booleanFlag, EnvError, hints, httpUrl, memo, optionalString, parse, wholeNumber } from "./parse";
import { isLoopbackUrl, piNetworks, publicEnv } from "./public";

/**
 * The server's configuration, and the only reader of its secrets. Values are parsed lazily, per
 * concern, so `next build` needs no secret and a missing Pi key does not stop `npm run db:migrate`.
 * `server-only`: importing this from client code fails the build.
 */

export const getPiEnv = memo(() => {
  const env = parse({
    PI_API_KEY: z.preprocess(blankAsMissing, z.string({ error: "is required" }).min(1)),
    PI_API_BASE_URL: z.preprocess(blankAsMissing, httpUrl.default("https://api.minepi.com/v2")),
    PI_NETWORK: z.preprocess(blankAsMissing, z.enum(piNetworks).default("Pi Testnet")),
    PI_ALLOW_LOCAL_API: booleanFlag,
    PI_API_TIMEOUT_MS: z.preprocess(blankAsMissing, z.coerce.number().int().min(100).max(60_000).default(10_000)),
  });
  assertApiAllowed(env.PI_API_BASE_URL, env.PI_ALLOW_LOCAL_API);
  return {
    apiKey: env.PI_API_KEY,
    apiBaseUrl: env.PI_API_BASE_URL.replace(/\/+$/, ""),
    network: env.PI_NETWORK,
    timeoutMs: env.PI_API_TIMEOUT_MS,
  };
});

export const getAuthEnv = memo(() => {
  const env = parse({
    SESSION_SECRET: z.preprocess(blankAsMissing, z.string({ error: "is required" }).min(32, "must be at least 32 characters")),
    ALLOWED_ORIGINS: z.preprocess(blankAsMissing, z.string().default("")),
  });
  const allowedOrigins = env.ALLOWED_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  for (const origin of allowedOrigins) {
    if (!URL.canParse(origin)) throw new EnvError(`Invalid configuration:\n- ALLOWED_ORIGINS: "${origin}" is not an origin. ${hints.ALLOWED_ORIGINS}`);
  }
  return { sessionSecret: env.SESSION_SECRET, allowedOrigins: allowedOrigins.map((o) => new URL(o).origin) };
});

export const getDbEnv = memo(() => {
  const env = parse({
    DATABASE_URL: z.preprocess(blankAsMissing, z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional()),
    PGLITE_DIR: z.preprocess(blankAsMissing, z.string().default(".data/pglite")),
    DATABASE_POOL_MAX: wholeNumber(10, 1, 1000),
  });
  return { databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR, poolMax: env.DATABASE_POOL_MAX };
});

/** When the reconciler acts, and how long an unpaid order waits. */
export const getPaymentsEnv = memo(() => {
  const env = parse({
    RECONCILE_AFTER_SECONDS: wholeNumber(120, 0, 86_400),
    ORDER_TTL_MINUTES: wholeNumber(30, 1, 10_080),
  });
  return { reconcileAfterMs: env.RECONCILE_AFTER_SECONDS * 1000, orderTtlMs: env.ORDER_TTL_MINUTES * 60_000 };
});

/** Request limits per minute (0 = off), and whether the platform's client-address header can be trusted. */
export const getLimitsEnv = memo(() => {
  const env = parse({
    RATE_LIMIT_SIGNIN_PER_MINUTE: wholeNumber(30),
    RATE_LIMIT_API_PER_MINUTE: wholeNumber(120),
    TRUST_PROXY: booleanFlag,
    VERCEL: optionalString,
  });
  return {
    signInPerMinute: env.RATE_LIMIT_SIGNIN_PER_MINUTE,
    apiPerMinute: env.RATE_LIMIT_API_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    onVercel: env.VERCEL !== undefined,
  };
});

export const getSiteEnv = memo(() => {
  const env = parse({ PI_VALIDATION_KEY: optionalString, CRON_SECRET: optionalString, ADMIN_UIDS: optionalString, PI_API_BASE_URL: optionalString });
  const adminUids = (env.ADMIN_UIDS ?? "").split(",").map((uid) => uid.trim()).filter(Boolean);
  // Against the emulator every Pioneer and every π is a test one, so in development anyone may be
  // an admin. A development server against Pi's real API (on the LAN, or through a tunnel) is not.
  const api = env.PI_API_BASE_URL;
  const everyoneIsAdmin = process.env.NODE_ENV === "development" && api !== undefined && URL.canParse(api) && isLoopbackUrl(api);
  return { validationKey: env.PI_VALIDATION_KEY?.trim(), cronSecret: env.CRON_SECRET, adminUids, everyoneIsAdmin };
});

/** Pi's Horizon (its blockchain API) for each network. */
export const defaultHorizonUrls: Record<(typeof piNetworks)[number], string> = {
  "Pi Testnet": "https://api.testnet.minepi.com",
  "Pi Network": "https://api.mainnet.minepi.com",
};

/** Why payouts are off, when they are (the diagnostics page says how to fix each). */
export type PayoutsOffReason = "switched_off" | "no_seed" | "mainnet_not_allowed";

/**
 * App-to-user payouts: off unless PAYOUTS_ENABLED=true and PI_WALLET_SEED are both set, and on
 * Mainnet also PAYOUTS_MAINNET=true. The seed can drain the app wallet: it is read here only.
 */
export const getPayoutsEnv = memo(() => {
  const env = parse({
    PI_WALLET_SEED: z.preprocess(blankAsMissing, z.string().trim().regex(/^S[A-Z2-7]{55}$/, "is not a wallet secret seed (56 characters starting with S)").optional()),
    PAYOUTS_ENABLED: booleanFlag,
    PAYOUTS_MAINNET: booleanFlag,
    PI_NETWORK: z.preprocess(blankAsMissing, z.enum(piNetworks).default("Pi Testnet")),
    PI_HORIZON_URL: z.preprocess(blankAsMissing, httpUrl.optional()),
    PI_ALLOW_LOCAL_API: booleanFlag,
  });
  const horizonUrl = (env.PI_HORIZON_URL ?? defaultHorizonUrls[env.PI_NETWORK]).replace(/\/+$/, "");
  const problem = remoteUrlProblem(horizonUrl, env.PI_ALLOW_LOCAL_API, process.env.NODE_ENV === "production", "PI_HORIZON_URL");
  if (problem) throw new EnvError(`Invalid configuration:\n- PI_HORIZON_URL: ${problem}`);
  const off: PayoutsOffReason | null = !env.PAYOUTS_ENABLED ? "switched_off" : !env.PI_WALLET_SEED ? "no_seed" : env.PI_NETWORK === "Pi Network" && !env.PAYOUTS_MAINNET ? "mainnet_not_allowed" : null;
  return { enabled: off === null, off, seed: off === null ? env.PI_WALLET_SEED : undefined, network: env.PI_NETWORK, horizonUrl };
});

/** Configured secrets, which lib/log.ts redacts wherever they appear; very short values would redact noise. */
export function secretValues(): string[] {
  const names = ["PI_API_KEY", "SESSION_SECRET", "CRON_SECRET", "PI_EMULATOR_API_KEY", "DATABASE_URL", "PI_WALLET_SEED"];
  return names.map((name) => process.env[name]).filter((value): value is string => typeof value === "string" && value.length >= 8);
}

/** Clears cached values; tests use it after changing process.env. */
export function resetEnv() {
  for (const get of [getPiEnv, getAuthEnv, getDbEnv, getSiteEnv, getPaymentsEnv, getLimitsEnv, getPayoutsEnv]) get.reset();
}

// A production server pointed at a loopback Pi API (or Horizon) is almost always a misconfigured
// deployment, and the server key must never travel in clear text to anything but this machine.
function remoteUrlProblem(url: string, allowLocal: boolean, production: boolean, setting: "PI_API_BASE_URL" | "PI_HORIZON_URL"): string | undefined {
  if (new URL(url).protocol !== "https:" && !isLoopbackUrl(url)) {
    return `${url} must use https (only a local emulator may use http). ${hints[setting]}`;
  }
  if (production && isLoopbackUrl(url) && !allowLocal) {
    const real = setting === "PI_API_BASE_URL" ? "https://api.minepi.com/v2" : "Pi's Horizon (unset it for the default)";
    return `${url} is a local address, which production refuses. Set ${setting} to ${real}, or set PI_ALLOW_LOCAL_API=true to test a production build against the emulator.`;
  }
}

function apiBaseUrlProblem(apiBaseUrl: string, allowLocal: boolean, production: boolean): string | undefined {
  // Without it every Pi call would get a 404, which payouts would take for Pi's "no such Pioneer".
  if (!/\/v2\/*$/.test(new URL(apiBaseUrl).pathname)) return `${apiBaseUrl} must end with /v2: Pi's paths (/me, /payments/…) are appended to it. ${hints.PI_API_BASE_URL}`;
  return remoteUrlProblem(apiBaseUrl, allowLocal, production, "PI_API_BASE_URL");
}

function assertApiAllowed(apiBaseUrl: string, allowLocal: boolean) {
  const problem = apiBaseUrlProblem(apiBaseUrl, allowLocal, process.env.NODE_ENV === "production");
  if (problem) throw new EnvError(`Invalid configuration:\n- PI_API_BASE_URL: ${problem}`);
}

export type StartupProblem = { setting: string; message: string };

/**
 * Every reason a production server refuses to start, all at once, so a deploy is fixed in one round.
 * Pure (it reads only `env` and the build's public values), so a diagnostics page can list them too.
 */
export function startupProblems(env: Record<string, string | undefined>): StartupProblem[] {
  if (env.NODE_ENV !== "production") return [];
  const value = (name: string) => (env[name] === "" ? undefined : env[name]);
  const problems: StartupProblem[] = [];
  const refuse = (setting: string, text: string) => problems.push({ setting, message: `${setting}: ${text}` });

  if (!value("PI_API_KEY")) refuse("PI_API_KEY", "is not set. Production talks to Pi with your app's Server API Key: copy it from the Pi Developer Portal (develop.pi).");
  const secret = value("SESSION_SECRET");
  if (!secret || secret.length < 32) refuse("SESSION_SECRET", `${secret ? "is shorter than 32 characters" : "is not set"}. ${hints.SESSION_SECRET}`);
  // The cron route has no request limit, so a short token could be guessed by trying. 16 is
  // Vercel's own minimum for it, so a secret made by its advice still starts.
  const cronSecret = value("CRON_SECRET");
  if (cronSecret && cronSecret.length < 16) refuse("CRON_SECRET", `is shorter than 16 characters. ${hints.CRON_SECRET}`);

  if (!value("DATABASE_URL") && value("VERCEL")) {
    refuse("DATABASE_URL", "is required on Vercel, where each instance has its own short-lived disk (PGLITE_IN_PRODUCTION does not apply there). Set DATABASE_URL to a hosted PostgreSQL, such as Neon or Supabase.");
  } else if (!value("DATABASE_URL") && value("PGLITE_IN_PRODUCTION") !== "true") {
    refuse("DATABASE_URL", "is not set, so production would keep its data in the embedded PGlite database. Set DATABASE_URL to a postgres:// URL, or set PGLITE_IN_PRODUCTION=true on one self-hosted server whose PGLITE_DIR is on a persistent disk.");
  }

  // The browser gets NEXT_PUBLIC_PI_SANDBOX as it was at build time; a value set now counts too.
  if ((publicEnv.NEXT_PUBLIC_PI_SANDBOX || value("NEXT_PUBLIC_PI_SANDBOX") === "true") && value("PI_NETWORK") === "Pi Network") {
    refuse("NEXT_PUBLIC_PI_SANDBOX", 'is true with PI_NETWORK="Pi Network", but the Pi Sandbox runs on Testnet only. For Mainnet set NEXT_PUBLIC_PI_SANDBOX=false and rebuild; for the Sandbox use PI_NETWORK="Pi Testnet".');
  }

  const base = value("PI_API_BASE_URL") ?? "https://api.minepi.com/v2";
  const baseProblem = URL.canParse(base) ? apiBaseUrlProblem(base, value("PI_ALLOW_LOCAL_API") === "true", true) : `must be an http(s) URL. ${hints.PI_API_BASE_URL}`;
  if (baseProblem) refuse("PI_API_BASE_URL", baseProblem);

  // The signed payouts go to Horizon: only checked when payouts are switched on.
  const horizon = value("PI_HORIZON_URL");
  if (value("PAYOUTS_ENABLED") === "true" && horizon) {
    const horizonProblem = URL.canParse(horizon) ? remoteUrlProblem(horizon, value("PI_ALLOW_LOCAL_API") === "true", true, "PI_HORIZON_URL") : `must be an http(s) URL. ${hints.PI_HORIZON_URL}`;
    if (horizonProblem) refuse("PI_HORIZON_URL", horizonProblem);
  }
  return problems;
}

/** Checked at server start (instrumentation.ts) so a bad production config fails fast, not on the first sign-in. */
export function checkServerEnvAtStartup() {
  const problems = startupProblems(process.env);
  if (problems.length === 0) return;
  throw new EnvError(`Refusing to start in production:\n${problems.map((p) => `- ${p.message}`).join("\n")}\nSee .env.example.`);
}

