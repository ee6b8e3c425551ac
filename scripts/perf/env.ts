import { e2eEnv } from "../../tests/e2e/env";

/**
 * Ports and settings of the performance runs (`npm run lighthouse`, `npm run bench`). PERF_PORT_BASE
 * moves them all (default 7610), away from the end-to-end suite's, so both can run on one machine.
 */
const base = Number(process.env.PERF_PORT_BASE ?? 7610);
export const perfPorts = { app: base, app2: base + 1, reference: base + 2, baseline: base + 3, emulator: base + 7, postgres: base + 9 };

export const emulatorUrl = `http://127.0.0.1:${perfPorts.emulator}`;
export const distDir = ".next-perf";

/** The end-to-end suite's configuration (public values, emulator keys, PGlite in production), on our own ports and build. */
export const perfEnv: Record<string, string> = {
  ...e2eEnv,
  NEXT_DIST_DIR: distDir,
  NEXT_PUBLIC_PI_SDK_URL: `${emulatorUrl}/pi-sdk.js`,
  PI_API_BASE_URL: `${emulatorUrl}/v2`,
  PI_EMULATOR_PORT: String(perfPorts.emulator),
  PGLITE_DIR: ".data/perf",
  PORT: String(perfPorts.app),
  NODE_ENV: "production",
};

/** Where the bench's servers (the app and the reference) find Pi: the emulator, with its key. */
export const piEnv = { PI_API_BASE_URL: perfEnv.PI_API_BASE_URL ?? "", PI_API_KEY: perfEnv.PI_API_KEY ?? "" };
