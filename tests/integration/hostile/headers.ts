/** Hostile headers and query strings: forged credentials, origins, proxy headers, content types. */
import fc from "fast-check";
import { appOrigin } from "../../helpers/app";
import type { Fixture } from "./fixture";

/** Header values must be ByteStrings without NUL, CR or LF; anything else never reaches a server. */
export function isHeaderValue(value: string): boolean {
  try {
    new Headers({ "x-probe": value });
    return true;
  } catch {
    return false;
  }
}

const latin1 = fc.string({ unit: fc.integer({ min: 0x01, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength: 60 });
/** Any header value, trimmed as HTTP does. */
export const headerJunk = fc.oneof(latin1, fc.string({ unit: "binary-ascii", maxLength: 60 }), fc.constant("x".repeat(8_000))).filter(isHeaderValue);

/** A session token that is not Alice's live one: near misses, her revoked one, random shapes. */
function junkTokens(fx: Fixture): fc.Arbitrary<string> {
  const token = fx.sessionToken;
  const nearMiss = fc.oneof(
    fc.tuple(fc.nat({ max: token.length - 1 }), fc.constantFrom(..."Aa0_-xZ=.~")).map(([i, c]) => `${token.slice(0, i)}${c}${token.slice(i + 1)}`),
    fc.constantFrom(token.slice(0, -1), `${token}A`, token.toUpperCase(), `${encodeURIComponent(token)}%3D`, `"${token}"`, [...token].reverse().join("")),
  );
  return fc
    .oneof(nearMiss, fc.constant(fx.revokedToken), fc.constant(fx.accessToken), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), headerJunk, fc.constant("A".repeat(43)))
    .filter((t) => t !== token && isHeaderValue(t));
}

function authorizations(fx: Fixture): fc.Arbitrary<string> {
  const token = fx.sessionToken;
  return fc
    .oneof(
      junkTokens(fx).map((t) => `Bearer ${t}`),
      fc.constantFrom("Bearer", "Bearer ", "Bearer null", "Basic YWxpY2U6c2VjcmV0", `Key ${fx.piApiKey}`, `Token ${token}`, `Bearer ${token} ${token}`, `Bearer ${token},Bearer x`, `Bearer${token}`, `Bearer\u00a0${token}`),
      headerJunk,
    )
    .filter(isHeaderValue);
}

function cookies(fx: Fixture): fc.Arbitrary<string> {
  const token = fx.sessionToken;
  return fc
    .oneof(
      junkTokens(fx).map((t) => `__Host-pi_session=${t}`),
      junkTokens(fx).map((t) => `__Host-pi_session=${t}; __Host-pi_session=${token}`),
      fc.constantFrom("__Host-pi_session=", "__Host-pi_session", `__host-pi_session=${token}`, `pi_session=${token}`, "__Host-pi_signed_out=1", ";;;=;", "a=b; ".repeat(500), `__Host-pi_session=${token}%00`),
      headerJunk,
    )
    .filter(isHeaderValue);
}

export type Credentials = Record<string, string>;

/** Alice's live session, as the app's client sends it: mostly the bearer token, sometimes only the cookie. */
export function liveSession(fx: Fixture): fc.Arbitrary<Credentials> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant<Credentials>({ Authorization: `Bearer ${fx.sessionToken}` }) },
    { weight: 1, arbitrary: fc.constant<Credentials>({ Cookie: `__Host-pi_session=${fx.sessionToken}` }) },
  );
}

/**
 * Who the request claims to be: Alice's live session (bearer, or cookie), nothing, the session she
 * signed out of, or forged and broken credentials. `withSession: false` never carries the live token in an Authorization header.
 */
export function credentials(fx: Fixture, options: { withSession: boolean } = { withSession: true }): fc.Arbitrary<Credentials> {
  const session = `__Host-pi_session=${fx.sessionToken}`;
  const forged = fc.record({ Authorization: authorizations(fx), Cookie: cookies(fx) }, { requiredKeys: [] });
  const live: fc.Arbitrary<Credentials>[] = options.withSession
    ? [fc.constant({ Authorization: `Bearer ${fx.sessionToken}` }), fc.constant({ Cookie: session }), authorizations(fx).map((a) => ({ Authorization: a, Cookie: session }))]
    : [fc.constant({ Cookie: session }), cookies(fx).map((c) => `${c}; ${session}`).filter(isHeaderValue).map((cookie) => ({ Cookie: cookie }))];
  const signedOut = fc.constantFrom<Credentials>({ Authorization: `Bearer ${fx.revokedToken}` }, { Cookie: `__Host-pi_session=${fx.revokedToken}` });
  return fc
    .oneof<fc.WeightedArbitrary<Credentials>[]>(
      { weight: 4, arbitrary: fc.oneof(...live) },
      { weight: 1, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: signedOut },
      { weight: 3, arbitrary: forged },
    )
    .filter((c) => options.withSession || !(c.Authorization ?? "").includes(fx.sessionToken));
}

/** Authorization values for the cron route that are anything but exactly `Bearer <secret>` (HTTP trims the ends). */
export function cronAuthorizations(secret: string): fc.Arbitrary<string> {
  const exact = `Bearer ${secret}`;
  const oneCharOff = fc
    .tuple(fc.nat({ max: secret.length - 1 }), fc.constantFrom(..."aZ0-_ é\u00ff"))
    .map(([i, c]) => `Bearer ${secret.slice(0, i)}${c}${secret.slice(i + 1)}`);
  return fc
    .oneof(
      fc.constantFrom(
        "", "Bearer", "Bearer ", `bearer ${secret}`, `BEARER ${secret}`, `Bearer  ${secret}`, `Bearer\t${secret}`, `Bearer ${secret}x`, `Bearer ${secret.slice(0, -1)}`,
        `Bearer ${secret.toUpperCase()}`, `Basic ${Buffer.from(`cron:${secret}`).toString("base64")}`, secret, `Bearer "${secret}"`, `Bearer ${secret}, Bearer ${secret}`,
        `Bearer ${secret}\u00ff`, `Key ${secret}`, `Bearer ${"x".repeat(secret.length)}`, `Bearer é${secret.slice(1)}`, `Bearer ${secret}${secret}`, `Bearer ${secret}\u0085`,
      ),
      oneCharOff,
      headerJunk.map((junk) => `Bearer ${junk}`),
      headerJunk,
    )
    .filter((value) => isHeaderValue(value) && value.replace(/^[\t ]+|[\t ]+$/g, "") !== exact);
}

/** Origins that are never the app's own, whatever the forwarded headers below say. */
export const foreignOrigins = fc.oneof(
  fc.constantFrom(undefined, "null", "https://evil.example", "http://localhost:3000.evil.example", "http://localhost:3001", "chrome-extension://abcdef", "http://evil.example:3000"),
  headerJunk.filter((v) => !v.includes("localhost") && !v.includes("127.0.0.1")),
);
/** The app's own origin, near misses of it, and foreign ones. */
export const origins = fc.oneof(
  { weight: 3, arbitrary: fc.constant(appOrigin) },
  { weight: 2, arbitrary: fc.constantFrom("https://localhost:3000", "HTTP://LOCALHOST:3000", `${appOrigin}/`, "http://127.0.0.1:3000", `${appOrigin}, https://evil.example`) },
  { weight: 3, arbitrary: foreignOrigins },
);

const forwardedHosts = fc.constantFrom("internal:3000", "localhost:3000", "127.0.0.1:3000", "", "evil.test, localhost:3000", "h".repeat(300), "[::1]:3000", "localhost:3000\u00ff");
const addresses = fc.oneof(fc.constantFrom("1.1.1.1, 2.2.2.2", "::1", "' OR 1=1 --", "999.999.999.999", "unknown", "127.0.0.1, 10.0.0.1, ".repeat(100)), headerJunk);

/** Proxy headers a client may forge: client addresses, the addressed host and scheme. */
export const forwardedHeaders = fc.record(
  {
    "X-Forwarded-For": addresses,
    "X-Real-IP": addresses,
    "X-Forwarded-Host": forwardedHosts,
    "X-Forwarded-Proto": fc.constantFrom("http", "https", "javascript", "", "https, http", "HTTP"),
  },
  { requiredKeys: [] },
);

export const contentTypes = fc.constantFrom(
  "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
  "application/json; charset=latin1", "*/*", "", "application/jsonp", "application/json\u00ff",
);

/** Content-Length that lies: larger than the limit for a small body, tiny for a large one, not a number. */
export const contentLengths = fc.constantFrom("0", "1", "-1", "16384", "16385", "99999999999999999999", "1e9", "abc", "0x10", " 12 ");

/** Query strings none of our routes reads. */
export const queries = fc.oneof(
  fc.constant(""),
  fc.constantFrom("?paymentId=../../me", "?__proto__[admin]=1&constructor[prototype][admin]=1", "?%zz", "?a=%00", "?productId=coffee", "?&&==", `?${"q".repeat(5_000)}`),
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => `?x=${s}`),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 }), { maxKeys: 5 }).map((d) => `?${new URLSearchParams(d)}`),
);
