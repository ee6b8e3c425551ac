/**
 * Integration harness: the app's real route handlers, talking to an in-process Pi emulator through
 * configuration only (PI_API_BASE_URL), exactly as in production.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { resetEnv } from "@/lib/config/server";
import { sessionCookieName } from "@/lib/auth/cookie";

export const appOrigin = "http://localhost:3000";

type Route = (request: Request, context: never) => Promise<Response>;

export type Emulator = RunningEmulator & {
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;
};

/**
 * Starts an emulator for the file and points the app at it; resets it before each test unless
 * `resetEachTest` is false (for a fixture built once in `beforeAll`).
 */
export function useEmulator(options: { network?: "Pi Testnet" | "Pi Network"; resetEachTest?: boolean } = {}): () => Emulator {
  let emulator: Emulator | undefined;
  const saved: Record<string, string | undefined> = {};
  const set = (name: string, value: string) => {
    if (!(name in saved)) saved[name] = process.env[name];
    process.env[name] = value;
  };

  beforeAll(async () => {
    const running = await startEmulator({ port: 0, apiKey: "integration-key", network: options.network ?? "Pi Testnet" });
    const control = async <T,>(method: string, path: string, body?: unknown) => {
      const response = await fetch(`${running.url}${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as T };
    };
    emulator = Object.assign(running, { control });
    set("PI_API_KEY", "integration-key");
    set("PI_API_BASE_URL", `${running.url}/v2`);
    set("PI_NETWORK", "Pi Testnet");
    set("PI_API_TIMEOUT_MS", "1000");
    set("SESSION_SECRET", "integration-session-secret-0123456789abcdef");
    set("ALLOWED_ORIGINS", "");
    resetEnv();
  });

  beforeEach(async () => {
    if (options.resetEachTest !== false) await emulator?.control("POST", "/control/reset");
  });

  afterAll(async () => {
    await emulator?.stop();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnv();
  });

  return () => {
    if (!emulator) throw new Error("the emulator is not running yet");
    return emulator;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

type Credentials = { token?: string; cookie?: string; origin?: string | null; headers?: Record<string, string> };

/** Calls a route handler the way a browser on the app's page would. */
export async function call<T = unknown>(handler: Route, method: string, path: string, options: Credentials & { body?: unknown; rawBody?: string | Uint8Array } = {}) {
  const headers = new Headers(options.headers);
  if ((options.body !== undefined || options.rawBody !== undefined) && !headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  if (options.cookie) headers.set("Cookie", `${sessionCookieName}=${options.cookie}`);
  const origin = options.origin === undefined ? appOrigin : options.origin;
  if (origin && method !== "GET") headers.set("Origin", origin);
  const request = new Request(`${appOrigin}${path}`, {
    method,
    headers,
    body: (options.rawBody as BodyInit | undefined) ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const response = await handler(request, undefined as never);
  const text = await response.text();
  const body = parseJson(text) as T;
  return { status: response.status, body, text, headers: response.headers };
}

export type ErrorBody = { error: { code: string; message: string } };
