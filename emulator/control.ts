// /control/*: test-only levers (no auth; the emulator listens on loopback). Bodies are zod-validated.
import { z } from "zod";
import { handlePayoutsControl } from "./a2u";
import { handleAdsControl } from "./ads-status";
import { KNOWN_SCOPES } from "./config";
import { appOriginSchema, type Consent } from "./consents";
import type { EmulatorContext } from "./context";
import { handleHostControl, resetHost } from "./control-host";
import { toPaymentDto } from "./dto";
import { faultSpecSchema } from "./faults";
import { handleHorizonControl, resetChain } from "./horizon/control";
import { handleIncompleteControl } from "./incomplete-rule";
import {
  apiError,
  json,
  matchRoute,
  notFound,
  outcomeResponse,
  parseBody,
  paymentInputSchema,
  paymentNotFound,
  type EmulatorRequest,
  type EmulatorResponse,
} from "./http";
import { cancelPaymentByUser, createUserToAppPayment, expirePayment, submitTransaction, type Outcome } from "./payments";
import type { Payment } from "./store";

const createUserSchema = z.union([
  z.undefined(),
  z.object({
    username: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, "username: 1-40 letters, digits, '_', '.' or '-'").optional(),
    scopes: z.array(z.enum(KNOWN_SCOPES)).optional(),
    uid: z.uuid("uid: a UUID, as Pi's uids are").optional(),
  }),
]);
const createPaymentSchema = paymentInputSchema.extend({
  accessToken: z.string().min(1),
  memo: paymentInputSchema.shape.memo.default(""),
  metadata: paymentInputSchema.shape.metadata.default({}),
});

const revokeConsentsSchema = z.union([z.undefined(), z.object({ app: appOriginSchema.optional(), uid: z.string().min(1).optional() })]);

const paymentActions: Record<string, (payment: Payment) => Outcome> = {
  transaction: submitTransaction,
  "user-cancel": cancelPaymentByUser,
  expire: expirePayment,
};

const ok = () => json(200, { ok: true });

export function handleControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const { method, path } = req;
  const { store, faults, consents, options } = ctx;
  const key = `${method} ${path}`;

  switch (key) {
    case "POST /control/reset":
      store.reset();
      faults.clear();
      consents.clear();
      resetHost(ctx);
      resetChain(ctx);
      ctx.incomplete.approvedWithoutTransaction = false;
      return json(200, { pioneers: store.listPioneers() });
    case "GET /control/users":
      return json(200, { users: store.listPioneers() });
    case "POST /control/users":
      return createUser(req, ctx);
    case "GET /control/payments":
      return json(200, { payments: store.listPayments().map((p) => toPaymentDto(p, options.network)) });
    case "POST /control/payments":
      return createPayment(req, ctx);
    case "GET /control/consents":
      return json(200, { consents: consents.list().map(toConsentView) });
    case "DELETE /control/consents": {
      const body = parseBody(req, revokeConsentsSchema);
      return body.ok ? json(200, { revoked: consents.revoke(body.value ?? {}) }) : body.response;
    }
    case "GET /control/faults":
      return json(200, { faults: faults.list() });
    case "POST /control/faults": {
      const body = parseBody(req, faultSpecSchema);
      return body.ok ? json(201, { fault: faults.add(body.value) }) : body.response;
    }
    case "DELETE /control/faults":
      faults.clear();
      return ok();
    case "GET /control/calls":
      return json(200, { calls: [...store.calls] });
    case "DELETE /control/calls":
      store.calls.length = 0;
      return ok();
  }

  const hostRoute = handleHostControl(req, ctx);
  if (hostRoute) return hostRoute;
  const chainRoute = handleHorizonControl(req, ctx) ?? handlePayoutsControl(req, ctx) ?? handleAdsControl(req, ctx) ?? handleIncompleteControl(req, ctx);
  if (chainRoute) return chainRoute;

  const get = matchRoute("/control/payments/:id", path);
  const action = matchRoute("/control/payments/:id/:action", path);
  const act = action?.action === undefined ? undefined : paymentActions[action.action];
  const id = (get ?? action)?.id;
  if ((get && method === "GET") || (act && method === "POST")) {
    const payment = id === undefined ? undefined : store.getPayment(id);
    if (!payment) return paymentNotFound(id ?? "");
    return outcomeResponse(act ? act(payment) : { ok: true, payment }, options.network);
  }
  return notFound();
}

function toConsentView(c: Consent) {
  return { app: c.app, uid: c.pioneer.uid, username: c.pioneer.username, scopes: [...c.scopes], grantedAt: new Date(c.grantedAt).toISOString() };
}

/** Creates a Pioneer, or returns the existing one with that username; either way with a fresh token. */
function createUser(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const body = parseBody(req, createUserSchema);
  if (!body.ok) return body.response;
  const username = body.value?.username;
  const uid = body.value?.uid;
  if (uid && ctx.store.getPioneer(uid)) return apiError(409, "invalid_arguments", "A Pioneer with this uid exists already.");
  const pioneer = (username && ctx.store.findPioneerByUsername(username)) || ctx.store.createPioneer(username, uid);
  const scopes = body.value?.scopes ?? ["username", "payments", "wallet_address"];
  const grant = ctx.store.issueToken(pioneer, scopes);
  return json(200, { uid: pioneer.uid, username: pioneer.username, accessToken: grant.token });
}

/** A U2A payment exactly as that Pioneer's SDK would create it (same replacement and blocking rules). */
function createPayment(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const body = parseBody(req, createPaymentSchema);
  if (!body.ok) return body.response;
  const { accessToken, ...input } = body.value;
  const grant = ctx.store.findGrant(accessToken);
  if (!grant) return apiError(401, "unauthorized", "Unknown or expired accessToken.");
  return outcomeResponse(createUserToAppPayment(ctx.store, grant.pioneer, input, ctx.now(), ctx.incomplete), ctx.options.network);
}
