// @vitest-environment node
/**
 * Hostile input over every route handler: whatever a client sends (bodies of any shape and size,
 * broken JSON and UTF-8, ids of every shape, forged credentials and proxy headers, with and without
 * a live session) gets a clear 4xx in the one error shape and changes nothing, in our database or at Pi.
 * Routes are found on disk, so a new route without a generator here fails this file.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { z } from "zod";
import { GET as sessionGET } from "@/app/api/auth/session/route";
import { errorCodes } from "@/lib/contract";
import { resetEnv } from "@/lib/config/server";
import { httpStatus } from "@/lib/http/status";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";
import { readBody } from "./bodies";
import { buildFixture, hostileAdminUid, type Fixture } from "./fixture";
import { cronSecret, specs, type Hostile, type Spec } from "./requests";
import { snapshot, tableNames } from "./state";

const numRuns = 80;
const validationKey = "hostile-validation-key";
const methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

type Handler = (request: Request, context: never) => Promise<Response>;
type Answer = Awaited<ReturnType<typeof call>>;

// ---- Discovery: every app/**/route.ts and the methods it exports ----------------------------------

const appDir = fileURLToPath(new URL("../../../app", import.meta.url));
const routeFiles = readdirSync(appDir, { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
const discovered = await Promise.all(
  routeFiles.map(async (file) => {
    const module = (await import(path.join(appDir, file))) as Record<string, unknown>;
    const url = `/${path.dirname(file).split(path.sep).join("/")}`;
    return methods.filter((m) => typeof module[m] === "function").map((method) => ({ key: `${method} ${url}`, method, url, handler: module[method] as Handler }));
  }),
).then((lists) => lists.flat().sort((a, b) => a.key.localeCompare(b.key)));

// ---- Judging an answer ----------------------------------------------------------------------------

const errorBodySchema = z.strictObject({
  error: z.strictObject({ code: z.enum(errorCodes), message: z.string().min(1), fields: z.record(z.string(), z.array(z.string())).optional() }),
});

function expectRefusal(answer: Answer, status?: number) {
  const seen = `${answer.status} ${JSON.stringify(answer.body)}`;
  expect(answer.status >= 400 && answer.status < 500, `a 4xx, got ${seen}`).toBe(true);
  if (status !== undefined) expect(answer.status, seen).toBe(status);
  expect(answer.headers.get("content-type"), seen).toMatch(/^application\/json/);
  const parsed = errorBodySchema.safeParse(answer.body);
  expect(parsed.success, `the error shape with a known code, got ${seen}`).toBe(true);
  if (parsed.success) expect(httpStatus[parsed.data.error.code], `the status of ${parsed.data.error.code}`).toBe(answer.status);
}

/** What a reader of the answer sees. */
const visible = (answer: Answer) => ({ status: answer.status, contentType: answer.headers.get("content-type"), text: answer.text });

type Clean = { anonymous: Answer; signedIn: Answer };

/** What a body the route reads must get when nothing else about the request is wrong. */
const bodyRefusals = { too_large: [413, "payload_too_large"], not_utf8: [400, "invalid_request"], not_json: [400, "invalid_request"] } as const;

function judge(spec: Spec, { mode, headers, body }: Hostile, answer: Answer, fx: Fixture, clean: Clean | undefined) {
  if (spec.expect === "refused") {
    expectRefusal(answer, spec.status);
    const verdict = mode === "body" && body !== undefined ? readBody(body) : undefined;
    if (typeof verdict === "string") expect([answer.status, (answer.body as ErrorBody).error.code]).toEqual(bodyRefusals[verdict]);
  } else if (spec.expect === "signout") {
    if (answer.status === 200) expect(answer.body).toEqual({ signedOut: true });
    else expectRefusal(answer);
    // Her session cookie alone, from another site: the forged sign-out a browser would send.
    if (headers.Cookie === `__Host-pi_session=${fx.sessionToken}` && !headers.Authorization) expect(answer.status).toBe(403);
  } else if (!clean) {
    throw new Error("a read needs its clean answers");
  } else if (clean.anonymous.status < 400) {
    // A read needing no session ignores junk: exactly the clean answer.
    expect(visible(answer)).toEqual(visible(clean.anonymous));
  } else if (headers.Authorization === `Bearer ${fx.sessionToken}`) {
    expect(visible(answer)).toEqual(visible(clean.signedIn));
  } else if (answer.status === 200 && JSON.stringify(headers).includes(fx.sessionToken)) {
    // Her token elsewhere (her cookie, an unusual bearer spelling) may still be read as her session.
    expect(visible(answer)).toEqual(visible(clean.signedIn));
  } else {
    expectRefusal(answer);
  }
}

// ---- The suite ------------------------------------------------------------------------------------

const fileEnv: Record<string, string> = {
  // Limits off, so a 429 never hides what the handler itself does with the input.
  RATE_LIMIT_API_PER_MINUTE: "0",
  RATE_LIMIT_SIGNIN_PER_MINUTE: "0",
  CRON_SECRET: cronSecret,
  PI_VALIDATION_KEY: validationKey,
  ADMIN_UIDS: hostileAdminUid,
  // Payouts stay off here: a refund the admin asks for is refused (409), so no request can change anything.
  PAYOUTS_ENABLED: "false",
};

it("finds the routes to attack", () => {
  expect(discovered.length).toBeGreaterThanOrEqual(Object.keys(specs).length);
  expect(Object.keys(specs).filter((key) => !discovered.some((route) => route.key === key))).toEqual([]);
});

describeEachEngine("hostile input to every route", ({ engine }) => {
  useEngineEnv(engine);
  // One fixture for the whole suite: every property must leave it as it found it anyway.
  const emulator = useEmulator({ resetEachTest: false });
  const saved: Record<string, string | undefined> = {};
  // rate_limits only counts requests (and stays empty with the limits off); it is not state a request may change.
  const watched = tableNames.filter((name) => name !== "rate_limits");
  let fx: Fixture;

  beforeAll(async () => {
    for (const [name, value] of Object.entries(fileEnv)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    resetEnv();
    fx = await buildFixture(emulator);
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    resetEnv();
  });
  it("watches every table of the schema", () => {
    expect(watched).toEqual(expect.arrayContaining(["users", "sessions", "orders", "fulfilments", "payment_reviews", "reconcile_runs", "payouts", "payout_wallets", "ad_rewards"]));
  });

  for (const route of discovered) {
    it(`${route.key}: whatever the client sends, a clear 4xx (or junk ignored) and nothing changed`, async () => {
      const spec = specs[route.key];
      if (!spec) throw new Error(`${route.key} has no hostile-input generator: add one to specs in tests/integration/hostile/requests.ts`);
      const send = (request: Hostile) => call(route.handler, route.method, `${route.url}${request.query}`, { origin: null, headers: request.headers, ...(request.body === undefined ? {} : { rawBody: request.body }) });
      // What a read answers a clean request (only reads: a clean write would change something).
      const clean: Clean | undefined =
        spec.expect === "read"
          ? { anonymous: await call(route.handler, route.method, route.url), signedIn: await call(route.handler, route.method, route.url, { token: fx.sessionToken }) }
          : undefined;
      await fc.assert(
        fc.asyncProperty(spec.request(fx), async (request) => {
          const before = await snapshot(emulator(), watched);
          const answer = await send(request);
          judge(spec, request, answer, fx, clean);
          expect(await snapshot(emulator(), watched)).toEqual(before);
          expect(Object.keys(Object.prototype)).toEqual([]);
        }),
        { numRuns, examples: (spec.examples?.(fx) ?? []).map((request): [Hostile] => [request]) },
      );
      expect((await call(sessionGET, "GET", "/api/auth/session", { token: fx.sessionToken })).status, "Alice is still signed in").toBe(200);
    });
  }
});
