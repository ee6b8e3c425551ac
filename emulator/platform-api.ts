// The /v2 Platform API an app server calls: same paths, auth, DTOs and error bodies as api.minepi.com.
import { z } from "zod";
import { createPayout, payoutVerifier } from "./a2u";
import { rewardedAdStatus } from "./ads-status";
import type { EmulatorContext } from "./context";
import { toPaymentDto, toUserDto } from "./dto";
import {
  apiError,
  authCredential,
  json,
  matchRoute,
  notFound,
  outcomeResponse,
  parseBody,
  paymentNotFound,
  type EmulatorRequest,
  type EmulatorResponse,
} from "./http";
import { approvePayment, cancelPaymentByApp, completePayment, listIncompleteServerPayments, type Outcome } from "./payments";
import type { Payment } from "./store";

const completeBodySchema = z.union([z.undefined(), z.object({ txid: z.string().optional() })]);

const unauthorized = (message: string) => apiError(401, "unauthorized", message);

export function handlePlatformApi(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  if (req.path === "/v2/me") return req.method === "GET" ? getMe(req, ctx) : notFound();

  if (authCredential(req, "Key") !== ctx.options.apiKey) {
    return unauthorized("Missing or invalid server API key (expected 'Authorization: Key <key>').");
  }
  const { method, path } = req;
  const network = ctx.options.network;

  if (method === "GET" && path === "/v2/payments/incomplete_server_payments") {
    const payments = listIncompleteServerPayments(ctx.store).map((p) => toPaymentDto(p, network));
    return json(200, { incomplete_server_payments: payments });
  }
  if (method === "POST" && path === "/v2/payments") return createPayout(req, ctx);

  const ad = matchRoute("/v2/ads_network/status/:adId", path);
  if (ad && method === "GET") return rewardedAdStatus(ad.adId ?? "", ctx);

  const get = matchRoute("/v2/payments/:id", path);
  if (get && method === "GET") return withPayment(ctx, get.id, (p) => ({ ok: true, payment: p }));

  const action = matchRoute("/v2/payments/:id/:action", path);
  if (action && method === "POST") {
    switch (action.action) {
      case "approve":
        return withPayment(ctx, action.id, approvePayment);
      case "cancel":
        return withPayment(ctx, action.id, cancelPaymentByApp);
      case "complete": {
        const body = parseBody(req, completeBodySchema);
        if (!body.ok) return body.response;
        return withPayment(ctx, action.id, (p) => completePayment(p, body.value?.txid, payoutVerifier(ctx.ledger, ctx.store)));
      }
    }
  }
  return notFound();
}

function withPayment(ctx: EmulatorContext, id: string | undefined, act: (payment: Payment) => Outcome): EmulatorResponse {
  const payment = id === undefined ? undefined : ctx.store.getPayment(id);
  if (!payment) return paymentNotFound(id ?? "");
  return outcomeResponse(act(payment), ctx.options.network);
}

function getMe(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const token = authCredential(req, "Bearer");
  const grant = token ? ctx.store.findGrant(token) : undefined;
  if (!grant) return unauthorized("The access token is invalid, expired or was tampered with.");
  return json(200, toUserDto(grant));
}
