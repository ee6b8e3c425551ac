// Starts the emulator on node:http: in-process for tests, or as its own process via scripts/emulator.ts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { PayoutSwitch } from "./a2u";
import { resolveEmulatorOptions, type EmulatorOptions, type PiNetworkName } from "./config";
import { ConsentRegistry } from "./consents";
import type { EmulatorContext } from "./context";
import { FaultRegistry } from "./faults";
import { EMULATOR_APP_WALLET } from "./horizon/app-wallet";
import { Ledger } from "./horizon/ledger";
import { IncompleteRule } from "./incomplete-rule";
import { CORS_HEADERS, apiError, type EmulatorResponse } from "./http";
import { OAuthRegistry } from "./oauth";
import { PiBrowserHost } from "./pi-browser";
import { routeRequest } from "./router";
import { EmulatorStore } from "./store";

export { DEFAULT_EMULATOR_API_KEY } from "./config";
export type { EmulatorOptions, PiNetworkName } from "./config";

export interface RunningEmulator {
  /** Origin, e.g. http://127.0.0.1:3314. The Platform API base URL is `${url}/v2`. */
  url: string;
  port: number;
  apiKey: string;
  network: PiNetworkName;
  /** The Pi Sign-in client id it accepts from the start (public, like every OAuth client id). */
  oauthClientId: string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

class BodyTooLargeError extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Waits `ms` (Infinity: forever), or until the caller hangs up, whichever comes first. */
function holdUntil(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(resolve, ms) : undefined;
    res.once("close", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveEmulatorOptions(options);
  const now = () => Date.now();
  const ctx: EmulatorContext = {
    store: new EmulatorStore(now),
    faults: new FaultRegistry(),
    consents: new ConsentRegistry(),
    oauth: new OAuthRegistry(resolved.oauthClientId),
    host: new PiBrowserHost(),
    ledger: new Ledger(EMULATOR_APP_WALLET, now),
    payouts: new PayoutSwitch(),
    incomplete: new IncompleteRule(),
    options: resolved,
    now,
  };

  const server = createServer((req, res) => {
    void (async () => {
      let response: EmulatorResponse;
      try {
        const url = new URL(req.url ?? "/", "http://emulator.invalid");
        const body = await readBody(req);
        const headers = req.headers;
        const routed = await routeRequest({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, headers, body }, ctx);
        if (routed.dropConnection) {
          req.socket.destroy();
          return;
        }
        if (routed.holdMs !== undefined) await holdUntil(routed.holdMs, res);
        response = routed.response;
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          response = apiError(413, "invalid_arguments", "The request body is too large.");
        } else {
          console.error("[pi-emulator] unexpected error", error);
          response = apiError(500, "unknown_error", "The emulator failed to handle this request.");
        }
      }
      if (res.destroyed) return;
      res.writeHead(response.status, { ...CORS_HEADERS, ...response.headers });
      res.end(response.body);
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("The emulator is not listening on a TCP port.");
  const { port } = address;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // Keep-alive sockets (and calls held by a delay or hang-after-apply fault) would otherwise keep close() waiting.
      server.closeAllConnections();
    });
    return stopping;
  };
  return { url: `http://${host}:${port}`, port, apiKey: resolved.apiKey, network: resolved.network, oauthClientId: resolved.oauthClientId, stop };
}
