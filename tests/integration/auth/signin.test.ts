// @vitest-environment node
import { expect, it } from "vitest";
import { GET as sessionGET } from "@/app/api/auth/session/route";
import { POST as signinPOST } from "@/app/api/auth/signin/route";
import { POST as signoutPOST } from "@/app/api/auth/signout/route";
import { getDb } from "@/lib/db";
import { sessions, users } from "@/lib/db/schema";
import { resetEnv } from "@/lib/config/server";
import { call, useEmulator, type ErrorBody } from "../../helpers/app";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";

type SignIn = { user: { uid: string; username: string }; sessionToken: string };

describeEachEngine("sign in with Pi", ({ engine }) => {
  useEngineEnv(engine);
  const emulator = useEmulator();

  async function newPioneer(username: string) {
    const { body } = await emulator().control<{ uid: string; username: string; accessToken: string }>("POST", "/control/users", { username });
    return body;
  }

  async function signIn(username = "carol") {
    const pioneer = await newPioneer(username);
    const response = await call<SignIn>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: pioneer.accessToken } });
    return { pioneer, response };
  }

  it("signs in with the uid Pi's /me returns, not anything the client sent", async () => {
    const pioneer = await newPioneer("carol");
    const { status, body, headers } = await call<SignIn>(signinPOST, "POST", "/api/auth/signin", {
      body: { accessToken: pioneer.accessToken, uid: "attacker-chosen-uid", username: "mallory" },
    });
    expect(status).toBe(200);
    expect(body.user).toEqual({ uid: pioneer.uid, username: "carol" });
    expect(body.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = headers.get("set-cookie") ?? "";
    expect(cookie).toContain(`=${body.sessionToken};`);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=None", "Partitioned", "Path=/"]) expect(cookie).toContain(attribute);

    const db = await getDb();
    expect(await db.select().from(users)).toContainEqual(expect.objectContaining({ uid: pioneer.uid, username: "carol" }));
    const stored = await db.select().from(sessions);
    expect(stored.length).toBeGreaterThan(0);
    // Only a hash is stored: neither the session token nor Pi's access token is in the table.
    expect(JSON.stringify(stored)).not.toContain(body.sessionToken);
    expect(JSON.stringify(stored)).not.toContain(pioneer.accessToken);
  });

  it("refuses a tampered or unknown token with 401 and creates no session", async () => {
    const pioneer = await newPioneer("dave");
    const before = (await (await getDb()).select().from(sessions)).length;
    for (const accessToken of [`${pioneer.accessToken}x`, "not-a-real-token"]) {
      const { status, body } = await call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken } });
      expect(status).toBe(401);
      expect(body.error.code).toBe("invalid_pi_token");
    }
    expect(await (await getDb()).select().from(sessions)).toHaveLength(before);
  });

  it("answers bad input with a 400 JSON error", async () => {
    for (const options of [{ body: {} }, { body: { accessToken: "" } }, { body: { accessToken: 42 } }, { rawBody: "{not json" }]) {
      const { status, body } = await call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", options);
      expect(status).toBe(400);
      expect(body.error.code).toBe("invalid_request");
    }
  });

  it("answers 503 within a bounded time when Pi's /me fails or hangs", async () => {
    const pioneer = await newPioneer("erin");
    const before = (await (await getDb()).select().from(sessions)).length;
    await emulator().control("POST", "/control/faults", { method: "GET", path: "/v2/me", mode: "error", status: 500, times: 100 });
    const failed = await call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: pioneer.accessToken } });
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe("pi_unavailable");
    await emulator().control("DELETE", "/control/faults");

    // Pi answers normally after 5 s: a 503 means the app gave up first.
    await emulator().control("POST", "/control/faults", { method: "GET", path: "/v2/me", mode: "delay", ms: 5000 });
    const hung = await call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: pioneer.accessToken } });
    expect(hung.status).toBe(503);
    expect(await (await getDb()).select().from(sessions)).toHaveLength(before);
  });

  it("asks Pi's /me again after a passing failure, within the read budget", async () => {
    const pioneer = await newPioneer("eve");
    await emulator().control("POST", "/control/faults", { method: "GET", path: "/v2/me", mode: "error", status: 503, times: 2 });
    const signedIn = await call<SignIn>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: pioneer.accessToken } });
    expect(signedIn.status).toBe(200);
    const meCalls = (await emulator().control<{ calls: { path: string }[] }>("GET", "/control/calls")).body.calls.filter((c) => c.path === "/v2/me");
    expect(meCalls).toHaveLength(3);
  });

  it("authenticates with the cookie and with the bearer token, each on its own", async () => {
    const { pioneer, response } = await signIn("frank");
    const token = response.body.sessionToken;
    for (const credentials of [{ cookie: token }, { token }]) {
      const { status, body } = await call<{ user: { uid: string } }>(sessionGET, "GET", "/api/auth/session", credentials);
      expect(status).toBe(200);
      expect(body.user.uid).toBe(pioneer.uid);
    }
    const anonymous = await call<ErrorBody>(sessionGET, "GET", "/api/auth/session");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe("unauthenticated");
    const forged = await call<ErrorBody>(sessionGET, "GET", "/api/auth/session", { token: "A".repeat(43) });
    expect(forged.status).toBe(401);
  });

  it("refuses a cookie-authenticated POST from another origin, or with no origin, but not a bearer one", async () => {
    const { response } = await signIn("grace");
    const token = response.body.sessionToken;
    for (const origin of ["https://evil.example", null]) {
      const { status, body } = await call<ErrorBody>(signoutPOST, "POST", "/api/auth/signout", { cookie: token, origin });
      expect(status).toBe(403);
      expect(body.error.code).toBe("forbidden_origin");
    }
    // The refused sign-out changed nothing.
    expect((await call(sessionGET, "GET", "/api/auth/session", { cookie: token })).status).toBe(200);
    const foreignSignIn = await call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: "x" }, origin: "https://evil.example" });
    expect(foreignSignIn.status).toBe(403);
    const bearer = await call(signoutPOST, "POST", "/api/auth/signout", { token, origin: "https://evil.example" });
    expect(bearer.status).toBe(200);
  });

  it("refuses a sign-in without an Origin, or from another one, before asking Pi, and accepts ALLOWED_ORIGINS", async () => {
    const pioneer = await newPioneer("judy");
    await emulator().control("DELETE", "/control/calls");
    for (const origin of [null, "null", "https://evil.example", "http://localhost:3001"]) {
      const { status, body, headers } = await call<ErrorBody>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: pioneer.accessToken }, origin });
      expect([status, body.error.code]).toEqual([403, "forbidden_origin"]);
      expect(headers.get("set-cookie")).toBeNull();
    }
    const { body: log } = await emulator().control<{ calls: unknown[] }>("GET", "/control/calls");
    expect(log.calls).toEqual([]);

    process.env.ALLOWED_ORIGINS = "https://partner.example";
    resetEnv();
    try {
      const partner = await call<SignIn>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: pioneer.accessToken }, origin: "https://partner.example" });
      expect(partner.status).toBe(200);
    } finally {
      process.env.ALLOWED_ORIGINS = "";
      resetEnv();
    }
  });

  it("sign-out kills the session for both credentials and clears the cookie", async () => {
    const { response } = await signIn("heidi");
    const token = response.body.sessionToken;
    const out = await call(signoutPOST, "POST", "/api/auth/signout", { cookie: token });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await call(sessionGET, "GET", "/api/auth/session", { cookie: token })).status).toBe(401);
    expect((await call(sessionGET, "GET", "/api/auth/session", { token })).status).toBe(401);
    // Signing out twice is harmless.
    expect((await call(signoutPOST, "POST", "/api/auth/signout", { token })).status).toBe(200);
  });

  it("remembers a sign-out in a partitioned cookie, so the app does not sign in again by itself, until the next sign-in", async () => {
    const { response } = await signIn("ivan");
    const out = await call(signoutPOST, "POST", "/api/auth/signout", { cookie: response.body.sessionToken });
    const cookies = out.headers.getSetCookie();
    const mark = cookies.find((c) => c.startsWith("__Host-pi_signed_out=1;"));
    expect(mark).toMatch(/Secure/);
    expect(mark).toMatch(/Partitioned/);
    expect(mark).toMatch(/HttpOnly/);
    const afterwards = await call<ErrorBody>(sessionGET, "GET", "/api/auth/session", { headers: { Cookie: "__Host-pi_signed_out=1" } });
    expect([afterwards.status, afterwards.body.error.code]).toEqual([401, "signed_out"]);
    // A browser that never signed out here is merely unauthenticated.
    const stranger = await call<ErrorBody>(sessionGET, "GET", "/api/auth/session");
    expect([stranger.status, stranger.body.error.code]).toEqual([401, "unauthenticated"]);
    // Signing in again lifts the mark.
    const again = await signIn("ivan");
    expect(again.response.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^__Host-pi_signed_out=; .*Max-Age=0/));
  });

  it("signing in again, or as another Pioneer, revokes the session the browser held", async () => {
    const first = await signIn("judy");
    const held = first.response.body.sessionToken;
    const other = await newPioneer("mallet");
    const again = await call<SignIn>(signinPOST, "POST", "/api/auth/signin", { body: { accessToken: other.accessToken }, cookie: held });
    expect(again.status).toBe(200);
    expect((await call(sessionGET, "GET", "/api/auth/session", { cookie: held })).status).toBe(401);
    expect((await call(sessionGET, "GET", "/api/auth/session", { token: again.body.sessionToken })).status).toBe(200);
  });

  it("refuses a sign-out with no credentials from another origin: its answer sets a cookie", async () => {
    const foreign = await call<ErrorBody>(signoutPOST, "POST", "/api/auth/signout", { origin: "https://evil.example" });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, "forbidden_origin"]);
    expect(foreign.headers.get("set-cookie")).toBeNull();
  });

  it("accepts a live cookie behind a stale bearer: either credential is enough", async () => {
    const first = await signIn("kim");
    const second = await signIn("kim");
    const stale = first.response.body.sessionToken;
    await call(signoutPOST, "POST", "/api/auth/signout", { token: stale });
    const { status, body } = await call<{ user: { username: string } }>(sessionGET, "GET", "/api/auth/session", { token: stale, cookie: second.response.body.sessionToken });
    expect(status).toBe(200);
    expect(body.user.username).toBe("kim");
  });

  it("sign-out with a stale bearer still revokes the cookie's session", async () => {
    const first = (await signIn("ivy")).response.body.sessionToken;
    const second = (await signIn("ivy")).response.body.sessionToken;
    await call(signoutPOST, "POST", "/api/auth/signout", { token: first });
    expect((await call(signoutPOST, "POST", "/api/auth/signout", { token: first, cookie: second })).status).toBe(200);
    expect((await call(sessionGET, "GET", "/api/auth/session", { cookie: second })).status).toBe(401);
  });
});
