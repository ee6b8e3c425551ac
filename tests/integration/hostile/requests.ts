/**
 * The hostile requests for each route, keyed "METHOD /path". A request either attacks with its body
 * (Alice's live session, from the app's page) or with its headers (forged credentials, origins,
 * proxy headers, lying Content-Length), with junk query strings either way.
 */
import fc from "fast-check";
import { catalog } from "@/lib/shop";
import { appOrigin } from "../../helpers/app";
import { hostileBodies, anyBody, type RawBody } from "./bodies";
import type { Fixture } from "./fixture";
import * as headers from "./headers";
import { accessTokens, paymentIds, productIds, txids, wrongTypes } from "./values";

export const cronSecret = "hostile-cron-secret-0123456789abcdef";

/** `body` mode: credentials and headers the route accepts, so only the body and query are hostile. */
export type Hostile = { mode: "body" | "headers"; query: string; headers: Record<string, string>; body?: RawBody };

/**
 * What a route must answer: `refused` is always a 4xx; `read` routes (GET, no body) answer their
 * clean answer whatever the junk, or a refusal when no live session is carried; `signout` may also
 * answer `{signedOut: true}` (signing out of whatever a request carries is always allowed).
 */
export type Spec = {
  expect: "refused" | "read" | "signout";
  status?: number;
  request: (fx: Fixture) => fc.Arbitrary<Hostile>;
  /** Requests always sent besides the random ones, so every run gets past validation to Pi and the database. */
  examples?: (fx: Fixture) => Hostile[];
};

type Parts = {
  /** Forged and broken credentials, sent with any Origin and forged proxy headers. */
  forged: fc.Arbitrary<headers.Credentials>;
  origin?: fc.Arbitrary<string | undefined>;
  /** Credentials the route accepts, from the app's own page, so the body (and query) is what is wrong. */
  live?: fc.Arbitrary<headers.Credentials>;
  body?: fc.Arbitrary<RawBody | undefined>;
};

function hostile(parts: Parts): fc.Arbitrary<Hostile> {
  const body = parts.body ?? fc.constant(undefined);
  const contentType = fc.option(headers.contentTypes, { nil: undefined });
  const headerAttack = fc.record({
    mode: fc.constant("headers" as const),
    query: headers.queries,
    credentials: parts.forged,
    origin: parts.origin ?? headers.origins,
    forwarded: headers.forwardedHeaders,
    contentType,
    contentLength: fc.option(headers.contentLengths, { nil: undefined, freq: 6 }),
    body,
  });
  const bodyAttack = parts.live
    ? fc.record({ mode: fc.constant("body" as const), query: headers.queries, credentials: parts.live, origin: fc.constant<string | undefined>(appOrigin), forwarded: fc.constant({}), contentType, contentLength: fc.constant(undefined), body })
    : undefined;
  const shapes = bodyAttack ? fc.oneof({ weight: parts.body ? 3 : 1, arbitrary: bodyAttack }, { weight: 1, arbitrary: headerAttack }) : headerAttack;
  return shapes.map(({ mode, query, credentials, origin, forwarded, contentType: type, contentLength, body: raw }) => {
    const sent: Record<string, string> = { ...forwarded, ...credentials };
    if (origin !== undefined) sent.Origin = origin;
    if (raw !== undefined && type !== undefined) sent["Content-Type"] = type;
    if (contentLength !== undefined) sent["Content-Length"] = contentLength;
    const request: Hostile = { mode, query, headers: sent, ...(raw === undefined ? {} : { body: raw }) };
    // Counterexamples print without 300 KB bodies.
    return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
  });
}

function describeRequest({ mode, query, headers: sent, body }: Hostile): string {
  const cut = (s: string) => (s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s);
  const shownBody = body === undefined ? "none" : typeof body === "string" ? JSON.stringify(cut(body)) : `bytes ${Buffer.from(body.slice(0, 80)).toString("hex")}`;
  return `${mode} attack: query=${JSON.stringify(cut(query))} headers=${cut(JSON.stringify(sent))} body=${shownBody}`;
}

const isObject = (json: unknown): json is Record<string, unknown> => typeof json === "object" && json !== null && !Array.isArray(json);
const orderIsValid = (json: unknown) => isObject(json) && typeof json.productId === "string" && catalog.some((p) => p.id === (json.productId as string).trim());
// z.object({}) accepts any object: every object body is a valid reconcile request.
const reconcileIsValid = isObject;

const catalogIds = catalog.map((p) => p.id);
/** A body sent by Alice from the app's page. */
const fromAlice =
  (fx: Fixture) =>
  (json: unknown): Hostile => ({ mode: "body", query: "", headers: { Authorization: `Bearer ${fx.sessionToken}`, Origin: appOrigin }, body: JSON.stringify(json) });
/** Alice's signed-out session, as a bearer token and as a cookie. */
const revoked = (fx: Fixture): Hostile[] => [
  { mode: "headers", query: "", headers: { Authorization: `Bearer ${fx.revokedToken}` } },
  { mode: "headers", query: "", headers: { Cookie: `__Host-pi_session=${fx.revokedToken}` } },
];
const paymentBody = (fx: Fixture) => hostileBodies({ paymentId: paymentIds(fx) });
/** Other Pioneers' real payments, and one Pi has never heard of. */
const paymentExamples = (fx: Fixture) => [...fx.othersPaymentIds, "A".repeat(28)].map((paymentId) => fromAlice(fx)({ paymentId }));

/** A read or a write by Alice with her live session, or a request that carries forged credentials. */
const asAlice = (fx: Fixture, body?: fc.Arbitrary<RawBody | undefined>) => hostile({ live: headers.liveSession(fx), forged: headers.credentials(fx), ...(body ? { body } : {}) });

export const specs: Record<string, Spec> = {
  "POST /api/auth/signin": {
    expect: "refused",
    request: (fx) => hostile({ live: fc.oneof(fc.constant({}), headers.liveSession(fx)), forged: headers.credentials(fx), body: hostileBodies({ accessToken: accessTokens(fx) }) }),
    examples: (fx) => [{ accessToken: `${fx.accessToken}x` }].map(fromAlice(fx)),
  },
  // Alice's live session only ever in a cookie, from an origin that is never the app's: signing her out must be refused.
  "POST /api/auth/signout": { expect: "signout", request: (fx) => hostile({ forged: headers.credentials(fx, { withSession: false }), origin: headers.foreignOrigins, body: anyBody }) },
  "GET /api/auth/session": { expect: "read", request: (fx) => asAlice(fx), examples: revoked },
  "GET /api/cron/reconcile": {
    expect: "refused",
    status: 401,
    request: (fx) => hostile({ forged: fc.tuple(headers.credentials(fx), headers.cronAuthorizations(cronSecret)).map(([other, Authorization]) => ({ ...other, Authorization })) }),
  },
  "GET /api/health": { expect: "read", request: (fx) => asAlice(fx) },
  "GET /api/products": { expect: "read", request: (fx) => asAlice(fx) },
  "GET /validation-key.txt": { expect: "read", request: (fx) => asAlice(fx) },
  "GET /api/orders": { expect: "read", request: (fx) => asAlice(fx), examples: revoked },
  "POST /api/orders": {
    expect: "refused",
    request: (fx) => asAlice(fx, hostileBodies({ productId: productIds(catalogIds) }, orderIsValid)),
    examples: (fx) => [{ productId: "ｃｏｆｆｅｅ" }, { productId: "coffee\u0000" }].map(fromAlice(fx)),
  },
  "POST /api/payments/approve": { expect: "refused", request: (fx) => asAlice(fx, paymentBody(fx)), examples: paymentExamples },
  "POST /api/payments/cancel": { expect: "refused", request: (fx) => asAlice(fx, paymentBody(fx)), examples: paymentExamples },
  "POST /api/payments/incomplete": { expect: "refused", request: (fx) => asAlice(fx, paymentBody(fx)), examples: paymentExamples },
  "POST /api/payments/complete": {
    expect: "refused",
    request: (fx) => asAlice(fx, hostileBodies({ paymentId: paymentIds(fx), txid: txids(fx) })),
    examples: (fx) => fx.othersPaymentIds.map((paymentId) => fromAlice(fx)({ paymentId, txid: fx.othersTxid })),
  },
  // Alice is no admin: whatever she sends, the admin routes do not exist for her.
  "POST /api/admin/reconcile": { expect: "refused", status: 404, request: (fx) => hostile({ forged: headers.credentials(fx), body: anyBody }) },
  "POST /api/payments/reconcile": { expect: "refused", request: (fx) => asAlice(fx, hostileBodies({ since: wrongTypes }, reconcileIsValid)), examples: (fx) => [[], null].map(fromAlice(fx)) },
};

