// GET/POST /oauth/authorize: Pi Sign-in, the OAuth 2.0 implicit flow (RFC 6749 §4.2) for ordinary browsers.
// GET validates the request and shows the consent page; its form POSTs the Pioneer's choice back, and the
// answer is a 303 to the redirect URI with the result in the fragment, which never reaches the app's server.
import { z } from "zod";
import { SIGN_IN_REQUEST_TTL_MS, SIGN_IN_SCOPES, SIGN_IN_TOKEN_TTL_S, type SignInScope } from "./config";
import type { EmulatorContext } from "./context";
import { notFound, type EmulatorRequest, type EmulatorResponse } from "./http";
import type { PendingSignIn, SignInError } from "./oauth";
import { consentPage, signInErrorPage } from "./oauth-page";

const MAX_STATE_LENGTH = 2000;
const signInScopesSchema = z.array(z.enum(SIGN_IN_SCOPES));
const answerSchema = z
  .object({ request: z.string().min(1).max(100), pioneer: z.string().min(1).max(100).optional(), decline: z.literal("1").optional() })
  .refine((a) => (a.pioneer === undefined) !== (a.decline === undefined), "choose one Pioneer or Decline");

type ScopesResult = { ok: true; scopes: SignInScope[] } | { ok: false; message: string };

export function handleAuthorize(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  if (req.method === "GET") return openConsent(req.query, ctx);
  if (req.method === "POST") return answerConsent(req, ctx);
  return notFound();
}

/** The result goes in the fragment; a fragment in Location is allowed, and browsers keep it (RFC 7231 §7.1.2). */
function redirectWith(redirectUri: string, params: Record<string, string | undefined>): EmulatorResponse {
  const fragment = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) fragment.set(name, value);
  const headers = { Location: `${redirectUri}#${fragment.toString()}`, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" };
  return { status: 303, headers, body: "" };
}

/** Space-separated, `username` when none; `payments` is refused because Pi Sign-in does not offer it. */
function parseScopes(values: string[]): ScopesResult {
  if (values.length > 1) return { ok: false, message: "Give scope once, space-separated." };
  const requested = (values[0] ?? "").split(" ").filter((s) => s !== "");
  if (requested.includes("payments")) return { ok: false, message: "Pi Sign-in does not offer the payments scope: payments need Pi Browser." };
  const parsed = signInScopesSchema.safeParse(requested);
  if (!parsed.success) return { ok: false, message: `Unknown scope in "${requested.join(" ")}": Pi Sign-in offers username and wallet_address.` };
  return { ok: true, scopes: parsed.data.length === 0 ? ["username"] : [...new Set(parsed.data)] };
}

function openConsent(query: URLSearchParams, ctx: EmulatorContext): EmulatorResponse {
  const [clientId, ...extraClientIds] = query.getAll("client_id");
  const [redirectUri, ...extraRedirectUris] = query.getAll("redirect_uri");
  // Until both are verified, nothing may redirect: an unchecked redirect_uri would make an open redirect.
  if (clientId === undefined || extraClientIds.length > 0 || !ctx.oauth.isKnownClient(clientId)) {
    return signInErrorPage(400, `Unknown client_id "${clientId ?? ""}". The emulator's client is ${ctx.options.oauthClientId}; add others with POST /control/oauth/redirect-uris.`);
  }
  if (redirectUri === undefined || extraRedirectUris.length > 0 || !ctx.oauth.allowsRedirect(clientId, redirectUri)) {
    return signInErrorPage(
      400,
      `redirect_uri "${redirectUri ?? ""}" is not registered for ${clientId}. http://localhost, 127.0.0.1 and [::1] are always allowed; register others exactly with POST /control/oauth/redirect-uris.`,
    );
  }
  const states = query.getAll("state");
  const state = states.length === 1 ? states[0] : undefined;
  const fail = (error: string, description: string) => redirectWith(redirectUri, { error, error_description: description, state });
  if (states.length > 1 || (state?.length ?? 0) > MAX_STATE_LENGTH) return fail("invalid_request", `Give state once, at most ${MAX_STATE_LENGTH} characters.`);
  const responseTypes = query.getAll("response_type");
  if (responseTypes.length !== 1) return fail("invalid_request", "Give response_type=token once.");
  if (responseTypes[0] !== "token") return fail("unsupported_response_type", "Pi Sign-in supports response_type=token only.");
  const scopes = parseScopes(query.getAll("scope"));
  if (!scopes.ok) return fail("invalid_scope", scopes.message);
  const pending = ctx.oauth.open({ clientId, redirectUri, scopes: scopes.scopes, state, openedAt: ctx.now() });
  return consentPage(pending, ctx.store.listPioneers());
}

function answerConsent(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const answer = answerSchema.safeParse(Object.fromEntries(new URLSearchParams(req.body)));
  if (!answer.success) return signInErrorPage(400, "This is not an answer the consent page sends.");
  const pending = ctx.oauth.peek(answer.data.request);
  if (!pending) return signInErrorPage(400, "This sign-in was already answered, or the emulator was reset. Start it again from the app.");
  const uid = answer.data.pioneer;
  const pioneer = uid === undefined ? undefined : ctx.store.getPioneer(uid);
  if (uid !== undefined && !pioneer) return signInErrorPage(400, "No such test Pioneer. Start the sign-in again from the app.");
  ctx.oauth.close(pending.id);

  // A forced error wins over the choice, as when Pi fails after the Pioneer approved.
  const expired = ctx.now() - pending.openedAt > SIGN_IN_REQUEST_TTL_MS;
  const error: SignInError | undefined = ctx.oauth.takeForcedError() ?? (expired ? "expired" : pioneer ? undefined : "access_denied");
  recordAnswer(ctx, pending, error ?? "granted", pioneer?.username ?? null);
  if (error || !pioneer) return redirectWith(pending.redirectUri, { error: error ?? "access_denied", state: pending.state });
  const grant = ctx.store.issueToken(pioneer, [...pending.scopes], SIGN_IN_TOKEN_TTL_S * 1000);
  return redirectWith(pending.redirectUri, { access_token: grant.token, token_type: "Bearer", expires_in: String(SIGN_IN_TOKEN_TTL_S), state: pending.state });
}

function recordAnswer(ctx: EmulatorContext, pending: PendingSignIn, result: SignInError | "granted", username: string | null): void {
  const { clientId, redirectUri, scopes, state } = pending;
  ctx.oauth.answers.push({ clientId, redirectUri, scopes: [...scopes], state: state ?? null, result, username, at: new Date(ctx.now()).toISOString() });
}
