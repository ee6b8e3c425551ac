import { randomBytes } from "node:crypto";
import { EMULATOR_APP_WALLET } from "../../emulator/horizon/app-wallet";

/** Ports and configuration shared by the end-to-end build, its servers and the specs. E2E_PORT_BASE moves them all (default 3410). */
const base = Number(process.env.E2E_PORT_BASE ?? 3410);
export const e2ePorts = { app: base, emulator: base + 7, crash: base + 8, startup: base + 9 };

const emulatorUrl = `http://127.0.0.1:${e2ePorts.emulator}`;

export const e2eAdminUid = "00000000-0000-4000-8000-0000000000ad";

export const e2eEnv: Record<string, string> = {
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: ".next-e2e",
  NEXT_PUBLIC_PI_SDK_URL: `${emulatorUrl}/pi-sdk.js`,
  NEXT_PUBLIC_PI_SANDBOX: "false",
  NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL: `${emulatorUrl}/oauth/authorize`,
  NEXT_PUBLIC_PI_OAUTH_CLIENT_ID: "emulator-oauth-client",
  PI_API_BASE_URL: `${emulatorUrl}/v2`,
  PI_API_KEY: "e2e-emulator-key",
  PI_EMULATOR_API_KEY: "e2e-emulator-key",
  PI_EMULATOR_PORT: String(e2ePorts.emulator),
  PI_EMULATOR_CALLBACK_RETRY_MS: "1500",
  // The production build talks to a loopback emulator on purpose.
  PI_ALLOW_LOCAL_API: "true",
  PI_API_TIMEOUT_MS: "5000",
  SESSION_SECRET: process.env.E2E_SESSION_SECRET ?? randomBytes(32).toString("base64url"),
  PGLITE_DIR: ".data/e2e",
  // One server on this machine's disk: the embedded database is fine, and production must be told so.
  PGLITE_IN_PRODUCTION: "true",
  // Blank values win over a developer's .env.local, so the suite never touches a real database or Pi.
  DATABASE_URL: "",
  VERCEL: "",
  PI_NETWORK: "Pi Testnet",
  ALLOWED_ORIGINS: "",
  PI_VALIDATION_KEY: "",
  // The test Pioneer "admin" gets this uid (the emulator's POST /control/users {uid}).
  ADMIN_UIDS: e2eAdminUid,
  RECONCILE_AFTER_SECONDS: "0",
  // Payouts from the emulator's app wallet on its own chain; its seed is a public test seed, never a real wallet's.
  PAYOUTS_ENABLED: "true",
  PI_WALLET_SEED: EMULATOR_APP_WALLET.secret,
  PI_HORIZON_URL: `${emulatorUrl}/horizon`,
  PORT: String(e2ePorts.app),
};

export const emulatorOrigin = emulatorUrl;
