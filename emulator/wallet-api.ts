// What the browser SDK (emulator/sdk/pi-sdk.js) calls. Pi Browser does these steps inside its own app;
// here they are HTTP routes. They are not Platform API calls, so they are neither logged nor faulted.
//
//   GET  /wallet/config                       {network, callbackRetryMs, approvalExpiryMs}
//   GET  /wallet/pioneers                     {pioneers: [{uid, username}]}, for the consent sheet
//   POST /wallet/sessions {app, uid, scopes}  {accessToken, user}: a fresh token, if the Pioneer already consented
//                                             (else 403 consent_required: the SDK shows its consent sheet)
//   POST /wallet/consents {app, uid, scopes}  {accessToken, user}: the Pioneer consented in the sheet
//   POST /v2/payments/user_to_app  (Bearer)   PaymentDTO: Pi's own SDK route
//   GET  /v2/payments/incomplete   (Bearer)   {exists, payment}: Pi's own SDK route
//   GET  /wallet/payments/:id      (Bearer)   PaymentDTO, for polling
//   POST /wallet/payments/:id/transaction (Bearer)  the Pioneer confirmed: tx submitted and verified
//   POST /wallet/payments/:id/user-cancel (Bearer)  the Pioneer cancelled
//   POST /wallet/rewarded-ads      (Bearer)   {adId}: a rewarded ad was watched
//   POST /wallet/shares {app, title, message}  Pi.openShareDialog was called (listed at GET /control/shares)
import { z } from "zod";
import { KNOWN_SCOPES } from "./config";
import { appOriginSchema } from "./consents";
import type { EmulatorContext } from "./context";
import { toPaymentDto } from "./dto";
import {
  apiError,
  authCredential,
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
import {
  cancelPaymentByUser,
  createUserToAppPayment,
  findIncompleteUserPayment,
  submitTransaction,
  type Outcome,
} from "./payments";
import { recordShare } from "./pi-browser";
import type { AccessGrant, Payment, Pioneer } from "./store";

const sessionBodySchema = z.object({ app: appOriginSchema, uid: z.string().min(1), scopes: z.array(z.enum(KNOWN_SCOPES)) });
type SessionBody = z.output<typeof sessionBodySchema>;

/** Answers an SDK route, or returns undefined when the request is not one. */
export function handleWalletApi(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  const { method, path } = req;
  const { options, store } = ctx;

  if (method === "GET" && path === "/wallet/config") {
    const { network, callbackRetryMs, approvalExpiryMs } = options;
    return json(200, { network, callbackRetryMs, approvalExpiryMs });
  }
  if (method === "GET" && path === "/wallet/pioneers") {
    return json(200, { pioneers: store.listPioneers().map(({ uid, username }) => ({ uid, username })) });
  }
  if (method === "POST" && path === "/wallet/sessions") return withPioneer(req, ctx, resumeSession);
  if (method === "POST" && path === "/wallet/consents") return withPioneer(req, ctx, grantConsent);
  if (method === "POST" && path === "/wallet/shares") return recordShare(req, ctx);

  const isSdkRoute =
    (method === "POST" && path === "/v2/payments/user_to_app") ||
    (method === "GET" && path === "/v2/payments/incomplete") ||
    (method === "POST" && path === "/wallet/rewarded-ads") ||
    path.startsWith("/wallet/payments/");
  if (!isSdkRoute) return undefined;

  const token = authCredential(req, "Bearer");
  const grant = token ? store.findGrant(token) : undefined;
  if (!grant) return apiError(401, "unauthorized", "The access token is invalid or expired; call Pi.authenticate() again.");

  if (path === "/v2/payments/user_to_app") return createPayment(req, ctx, grant);
  if (path === "/v2/payments/incomplete") {
    const payment = findIncompleteUserPayment(store, grant.pioneer.uid, ctx.incomplete);
    return json(200, { exists: payment !== undefined, payment: payment ? toPaymentDto(payment, options.network) : null });
  }
  if (path === "/wallet/rewarded-ads") return json(200, { adId: store.addRewardedAd().identifier });
  return handleOwnPayment(req, ctx, grant);
}

function withPioneer(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  act: (body: SessionBody, pioneer: Pioneer, ctx: EmulatorContext) => EmulatorResponse,
): EmulatorResponse {
  const body = parseBody(req, sessionBodySchema);
  if (!body.ok) return body.response;
  const pioneer = ctx.store.getPioneer(body.value.uid);
  if (!pioneer) return apiError(404, "user_not_found", "No such Pioneer (the emulator was reset or restarted).");
  return act(body.value, pioneer, ctx);
}

/** Silent sign-in, as Pi Browser does for an app the Pioneer already granted these scopes. */
function resumeSession(body: SessionBody, pioneer: Pioneer, ctx: EmulatorContext): EmulatorResponse {
  if (!ctx.consents.covers(body.app, pioneer.uid, body.scopes)) {
    return apiError(403, "consent_required", "The Pioneer has not granted this app these scopes yet.");
  }
  return session(pioneer, body, ctx);
}

function grantConsent(body: SessionBody, pioneer: Pioneer, ctx: EmulatorContext): EmulatorResponse {
  ctx.consents.grant(body.app, pioneer, body.scopes, ctx.now());
  return session(pioneer, body, ctx);
}

function session(pioneer: Pioneer, body: SessionBody, ctx: EmulatorContext): EmulatorResponse {
  const grant = ctx.store.issueToken(pioneer, body.scopes);
  const user = grant.scopes.includes("username") ? { uid: pioneer.uid, username: pioneer.username } : { uid: pioneer.uid };
  return json(200, { accessToken: grant.token, user });
}

function createPayment(req: EmulatorRequest, ctx: EmulatorContext, grant: AccessGrant): EmulatorResponse {
  if (!grant.scopes.includes("payments")) {
    return apiError(401, "missing_scope", "Payments need the 'payments' scope in Pi.authenticate().");
  }
  const body = parseBody(req, paymentInputSchema);
  if (!body.ok) return body.response;
  return outcomeResponse(createUserToAppPayment(ctx.store, grant.pioneer, body.value, ctx.now(), ctx.incomplete), ctx.options.network);
}

const ownPaymentRoutes: [method: string, pattern: string, act: (payment: Payment) => Outcome][] = [
  ["GET", "/wallet/payments/:id", (payment) => ({ ok: true, payment })],
  ["POST", "/wallet/payments/:id/transaction", submitTransaction],
  ["POST", "/wallet/payments/:id/user-cancel", cancelPaymentByUser],
];

/** Wallet actions on one of the Pioneer's own payments; other Pioneers' payments look nonexistent. */
function handleOwnPayment(req: EmulatorRequest, ctx: EmulatorContext, grant: AccessGrant): EmulatorResponse {
  for (const [method, pattern, act] of ownPaymentRoutes) {
    const params = matchRoute(pattern, req.path);
    if (!params || req.method !== method) continue;
    const id = params.id ?? "";
    const payment = ctx.store.getPayment(id);
    if (!payment || payment.userUid !== grant.pioneer.uid) return paymentNotFound(id);
    return outcomeResponse(act(payment), ctx.options.network);
  }
  return notFound();
}
