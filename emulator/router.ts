// Sends each request to its module. Platform API calls are logged and may hit an injected fault first.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { EmulatorContext } from "./context";
import { handleControl } from "./control";
import { handleHorizon, isHorizonPath } from "./horizon/routes";
import { CORS_HEADERS, apiError, json, notFound, type EmulatorRequest, type EmulatorResponse } from "./http";
import { handleAuthorize } from "./oauth-authorize";
import { expireStalePayments } from "./payments";
import { withHostSettings } from "./pi-browser";
import { handlePlatformApi } from "./platform-api";
import { renderSandboxPage } from "./sandbox-page";
import { handleWalletApi } from "./wallet-api";

export interface Routed {
  response: EmulatorResponse;
  /** drop-response fault: the change is applied, then the socket is destroyed without an answer. */
  dropConnection?: boolean;
  /** hang-after-apply fault: the change is applied, then the answer is held this long (Infinity: until the caller hangs up). */
  holdMs?: number;
}

const BROWSER_SCRIPTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "sdk");

function preflight(): EmulatorResponse {
  // Chrome's Private Network Access asks before a public page calls loopback; say yes.
  return { status: 204, headers: { ...CORS_HEADERS, "Access-Control-Allow-Private-Network": "true" }, body: "" };
}

/** @param name pi-sdk.js or sandbox-page.js */
async function browserScript(name: string): Promise<EmulatorResponse> {
  // Read on every request so edits show up on reload without restarting the emulator.
  const body = await readFile(path.join(BROWSER_SCRIPTS_DIR, name), "utf8");
  return { status: 200, headers: { "Content-Type": "application/javascript; charset=utf-8", "Cache-Control": "no-store" }, body };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function platformCall(req: EmulatorRequest, ctx: EmulatorContext): Promise<Routed> {
  ctx.store.logCall(req.method, req.path);
  const fault = ctx.faults.take(req.method, req.path);
  if (fault?.mode === "error") {
    const message = fault.message ?? "Fault injected by the Pi emulator.";
    return { response: apiError(fault.status ?? 500, fault.error ?? "unknown_error", message) };
  }
  if (fault?.mode === "delay") await sleep(fault.ms ?? 0);
  expireStalePayments(ctx.store, ctx.now(), ctx.options.approvalExpiryMs);
  const response = handlePlatformApi(req, ctx);
  if (fault?.mode === "hang-after-apply") return { response, holdMs: fault.ms ?? Number.POSITIVE_INFINITY };
  return { response, dropConnection: fault?.mode === "drop-response" };
}

export async function routeRequest(req: EmulatorRequest, ctx: EmulatorContext): Promise<Routed> {
  const { method, path } = req;
  if (method === "OPTIONS") return { response: preflight() };
  // Expiry is evaluated lazily on every request: no timers, deterministic tests.
  expireStalePayments(ctx.store, ctx.now(), ctx.options.approvalExpiryMs);

  if (method === "GET" && path === "/pi-sdk.js") return { response: withHostSettings(await browserScript("pi-sdk.js"), ctx.host.settings) };
  if (method === "GET" && path === "/sandbox-page.js") return { response: await browserScript("sandbox-page.js") };
  if (method === "GET" && path === "/sandbox") return { response: renderSandboxPage(req) };
  if (method === "GET" && path === "/") {
    const { network } = ctx.options;
    return { response: json(200, { name: "Pi Platform emulator", network, sdk: "/pi-sdk.js", platformApi: "/v2", sandbox: "/sandbox?app=<url>" }) };
  }

  if (path === "/oauth/authorize") return { response: handleAuthorize(req, ctx) };
  const wallet = handleWalletApi(req, ctx);
  if (wallet) return { response: wallet };
  if (path.startsWith("/control/")) return { response: handleControl(req, ctx) };
  if (path === "/v2" || path.startsWith("/v2/")) return platformCall(req, ctx);
  if (isHorizonPath(path)) return handleHorizon(req, ctx);
  return { response: notFound() };
}
