// @vitest-environment node
// Pi Sign-in (GET/POST /oauth/authorize): the request checks, the consent page, the 303 back with the result
// in the fragment, forced errors, and what the issued token may do. Redirects are read, never followed.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { piError, startTestEmulator, type EmulatorClient } from "./helpers";

const CLIENT = "emulator-oauth-client";
const CALLBACK = "http://localhost:3000/auth/pi/callback";

let emu: EmulatorClient;

beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
});

interface Answer {
  status: number;
  headers: Headers;
  html: string;
}

async function send(path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${emu.emulator.url}${path}`, { ...init, redirect: "manual" });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

function authorize(params: Record<string, string | string[]>): Promise<Answer> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) query.append(name, v);
  return send(`/oauth/authorize?${query.toString()}`);
}

const signIn = (overrides: Record<string, string | string[]> = {}) =>
  authorize({ response_type: "token", client_id: CLIENT, redirect_uri: CALLBACK, scope: "username wallet_address", state: "s-123", ...overrides });

/** The consent form's hidden request id and the Pioneer behind each "Continue as …" button. */
function consentForm(page: Answer) {
  expect(page.status).toBe(200);
  const request = /name="request" value="([^"]+)"/.exec(page.html)?.[1] ?? "";
  const pioneers = new Map([...page.html.matchAll(/name="pioneer" value="([^"]+)"[^>]*>(Continue as [^<]+)</g)].map((m) => [m[2] ?? "", m[1] ?? ""]));
  return { request, pioneers };
}

function answer(fields: Record<string, string>): Promise<Answer> {
  return send("/oauth/authorize", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields) });
}

/** Opens the consent page and presses "Continue as <username>", or Decline. */
async function choose(choice: string, overrides: Record<string, string | string[]> = {}): Promise<Answer> {
  const { request, pioneers } = consentForm(await signIn(overrides));
  return answer(choice === "Decline" ? { request, decline: "1" } : { request, pioneer: pioneers.get(choice) ?? "" });
}

/** Asserts a 303 to `base` and returns the fragment's parameters, in order. */
function fragmentOf(reply: Answer, base = CALLBACK): [string, string][] {
  expect(reply.status).toBe(303);
  const location = reply.headers.get("location") ?? "";
  expect(location.startsWith(`${base}#`)).toBe(true);
  return [...new URLSearchParams(location.slice(base.length + 1))];
}

/** An error page: no redirect of any kind. */
function refused(reply: Answer, reason: RegExp) {
  expect(reply.status).toBe(400);
  expect(reply.headers.get("location")).toBeNull();
  expect(reply.headers.get("content-type")).toMatch(/^text\/html/);
  expect(reply.html).toContain("Pi Sign-in cannot continue");
  expect(reply.html).toMatch(reason);
}

describe("the authorize request", () => {
  it("shows an error page, never a redirect, for an unknown or missing client", async () => {
    refused(await signIn({ client_id: "someone-else" }), /Unknown client_id &#34;someone-else&#34;/);
    refused(await authorize({ response_type: "token", redirect_uri: CALLBACK }), /Unknown client_id/);
    refused(await signIn({ client_id: [CLIENT, CLIENT] }), /Unknown client_id/);
  });

  it.each([
    "https://evil.example/callback",
    "http://localhost.evil.example:3000/cb",
    "http://localhost:3000@evil.example/cb",
    "https://localhost:3000/cb",
    "http://127.0.0.2:3000/cb",
    "http://localhost:3000/cb#already",
    "http://localhost:3000/cb\r\nSet-Cookie: x=1",
    "javascript:alert(1)",
    "/auth/pi/callback",
  ])("shows an error page, never a redirect, for the redirect URI %j", async (uri) => {
    refused(await signIn({ redirect_uri: uri }), /is not registered/);
  });

  it("always allows http loopback origins, on any port and path", async () => {
    for (const uri of ["http://localhost:3000/auth/pi/callback", "http://127.0.0.1:8080/x?y=1", "http://[::1]:3000/", "http://localhost/"]) {
      expect((await signIn({ redirect_uri: uri })).status).toBe(200);
    }
  });

  it("allows other redirect URIs only as registered, exactly, for that client", async () => {
    const shop = "https://shop.example/auth/pi/callback";
    refused(await signIn({ redirect_uri: shop }), /is not registered/);
    expect((await emu.control("POST", "/oauth/redirect-uris", { uri: shop })).status).toBe(201);
    expect((await signIn({ redirect_uri: shop })).status).toBe(200);
    for (const near of [`${shop}/`, `${shop}?x=1`, "https://shop.example/auth/pi/CALLBACK", "http://shop.example/auth/pi/callback"]) {
      refused(await signIn({ redirect_uri: near }), /is not registered/);
    }
    await emu.control("POST", "/oauth/redirect-uris", { clientId: "other-app", uri: "https://other.example/cb" });
    refused(await signIn({ redirect_uri: "https://other.example/cb" }), /is not registered/);
    expect((await signIn({ client_id: "other-app", redirect_uri: "https://other.example/cb" })).status).toBe(200);
  });

  it("returns malformed requests to a valid redirect URI as OAuth errors, with the state", async () => {
    const cases: [Record<string, string | string[]>, string, RegExp][] = [
      [{ scope: "username payments" }, "invalid_scope", /payments scope/],
      [{ scope: "roles" }, "invalid_scope", /Unknown scope/],
      [{ response_type: "code" }, "unsupported_response_type", /token only/],
      [{ response_type: [] }, "invalid_request", /response_type/],
    ];
    for (const [overrides, error, description] of cases) {
      const fragment = Object.fromEntries(fragmentOf(await signIn(overrides)));
      expect(fragment).toEqual({ error, error_description: expect.stringMatching(description) as unknown, state: "s-123" });
    }
  });

  it("shows a consent sheet like the SDK's: the Pioneers, Decline, the scopes, and no script or framing", async () => {
    await emu.newUser("carol");
    const page = await signIn({ scope: "" });
    expect(page.html).toContain("<h1 id=\"pi-emu-title\">Sign in to localhost:3000 with Pi (emulator)</h1>");
    expect([...page.html.matchAll(/<button[^>]*>([^<]+)<\/button>/g)].map((m) => m[1])).toEqual(["Continue as alice", "Continue as bob", "Continue as carol", "Decline"]);
    expect(page.html).toContain("<li>username</li>");
    expect(page.html).not.toContain("<li>wallet_address</li>");
    expect(page.html).not.toContain("<script");
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'none'.*frame-ancestors 'none'/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
  });
});

describe("the Pioneer's answer", () => {
  it("grants: a 303 to redirect_uri#access_token=…&token_type=Bearer&expires_in=3600&state=…", async () => {
    const fragment = fragmentOf(await choose("Continue as alice"));
    expect(fragment.map(([name]) => name)).toEqual(["access_token", "token_type", "expires_in", "state"]);
    expect(Object.fromEntries(fragment)).toMatchObject({ token_type: "Bearer", expires_in: "3600", state: "s-123" });
  });

  it("issues a token that /v2/me accepts with the granted scopes for an hour, and that cannot pay", async () => {
    const before = Date.now();
    const token = Object.fromEntries(fragmentOf(await choose("Continue as bob"))).access_token ?? "";
    const me = await emu.call("GET", "/v2/me", { authorization: `Bearer ${token}` });
    const user = z.object({ username: z.string(), credentials: z.object({ scopes: z.array(z.string()), valid_until: z.object({ timestamp: z.number() }) }) }).parse(me.body);
    expect(user.username).toBe("bob");
    expect(user.credentials.scopes).toEqual(["username", "wallet_address"]);
    expect(user.credentials.valid_until.timestamp * 1000).toBeGreaterThanOrEqual(before + 3_599_000);
    expect(user.credentials.valid_until.timestamp * 1000).toBeLessThanOrEqual(Date.now() + 3_600_000);
    const pay = await emu.call("POST", "/v2/payments/user_to_app", { authorization: `Bearer ${token}`, body: { amount: 1, memo: "m", metadata: {} } });
    piError(pay, 401, "missing_scope");
  });

  it("keeps the redirect URI's query, and encodes any state", async () => {
    const base = "http://127.0.0.1:3000/cb?next=%2Fshop";
    const fragment = fragmentOf(await choose("Continue as alice", { redirect_uri: base, state: "a b&c=d/é", scope: "wallet_address" }), base);
    expect(Object.fromEntries(fragment).state).toBe("a b&c=d/é");
    const me = await emu.call("GET", "/v2/me", { authorization: `Bearer ${Object.fromEntries(fragment).access_token ?? ""}` });
    expect(me.body).not.toHaveProperty("username");
  });

  it("declines with #error=access_denied, echoing the state only when one was given", async () => {
    expect(fragmentOf(await choose("Decline"))).toEqual([["error", "access_denied"], ["state", "s-123"]]);
    expect(fragmentOf(await choose("Decline", { state: [] }))).toEqual([["error", "access_denied"]]);
  });

  it("answers each request once, and refuses answers the page never sends", async () => {
    const { request, pioneers } = consentForm(await signIn());
    expect((await answer({ request, pioneer: pioneers.get("Continue as alice") ?? "" })).status).toBe(303);
    refused(await answer({ request, pioneer: pioneers.get("Continue as alice") ?? "" }), /already answered/);
    const next = consentForm(await signIn());
    refused(await answer({ request: next.request }), /not an answer/);
    refused(await answer({ request: next.request, pioneer: "x", decline: "1" }), /not an answer/);
    refused(await answer({ request: next.request, pioneer: "no-such-uid" }), /No such test Pioneer/);
    refused(await answer({ request: "made-up", decline: "1" }), /already answered/);
  });

  it("answers `expired` when the Pioneer took longer than ten minutes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      const { request, pioneers } = consentForm(await signIn());
      vi.setSystemTime(Date.now() + 10 * 60_000 + 1);
      expect(fragmentOf(await answer({ request, pioneer: pioneers.get("Continue as alice") ?? "" }))).toEqual([["error", "expired"], ["state", "s-123"]]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("control routes", () => {
  const answersSchema = z.object({ authorizations: z.array(z.object({ result: z.string(), username: z.string().nullable(), state: z.string().nullable(), scopes: z.array(z.string()) })) });

  it("forces errors on the next answers, whatever the Pioneer chose", async () => {
    expect((await emu.control("POST", "/oauth/force-error", { error: "expired", times: 2 })).status).toBe(201);
    await emu.control("POST", "/oauth/force-error", { error: "server_error" });
    expect((await emu.control("GET", "/oauth/force-error")).body).toEqual({ forced: [{ error: "expired", remaining: 2 }, { error: "server_error", remaining: 1 }] });
    expect(fragmentOf(await choose("Continue as alice"))).toEqual([["error", "expired"], ["state", "s-123"]]);
    expect(fragmentOf(await choose("Decline"))).toEqual([["error", "expired"], ["state", "s-123"]]);
    expect(fragmentOf(await choose("Continue as bob"))).toEqual([["error", "server_error"], ["state", "s-123"]]);
    expect(fragmentOf(await choose("Continue as bob"))[0]?.[0]).toBe("access_token");
    const log = answersSchema.parse((await emu.control("GET", "/oauth/authorizations")).body).authorizations;
    expect(log.map((a) => [a.result, a.username])).toEqual([["expired", "alice"], ["expired", null], ["server_error", "bob"], ["granted", "bob"]]);
    expect(log[0]).toMatchObject({ state: "s-123", scopes: ["username", "wallet_address"] });
  });

  it("validates its bodies", async () => {
    for (const body of [{ error: "invalid_scope" }, { error: "expired", times: 0 }, {}]) {
      piError(await emu.control("POST", "/oauth/force-error", body), 400, "invalid_arguments");
    }
    for (const body of [{ uri: "https://shop.example/cb#x" }, { uri: "ftp://shop.example/" }, { uri: "/cb" }, { clientId: "has space", uri: "https://a.example/" }, {}]) {
      piError(await emu.control("POST", "/oauth/redirect-uris", body), 400, "invalid_arguments");
    }
  });

  it("lists clients, and reset forgets registrations, forced errors, answers and open requests", async () => {
    expect((await emu.control("GET", "/oauth/redirect-uris")).body).toEqual({ clients: [{ clientId: CLIENT, redirectUris: [] }] });
    await emu.control("POST", "/oauth/redirect-uris", { uri: "https://shop.example/cb" });
    await emu.control("POST", "/oauth/redirect-uris", { uri: "https://shop.example/cb" });
    await emu.control("POST", "/oauth/redirect-uris", { clientId: "other-app", uri: "https://other.example/cb" });
    expect((await emu.control("GET", "/oauth/redirect-uris")).body).toEqual({
      clients: [
        { clientId: CLIENT, redirectUris: ["https://shop.example/cb"] },
        { clientId: "other-app", redirectUris: ["https://other.example/cb"] },
      ],
    });
    await choose("Decline");
    await emu.control("POST", "/oauth/force-error", { error: "cancelled" });
    const open = consentForm(await signIn());

    await emu.control("POST", "/reset");
    expect((await emu.control("GET", "/oauth/redirect-uris")).body).toEqual({ clients: [{ clientId: CLIENT, redirectUris: [] }] });
    expect((await emu.control("GET", "/oauth/force-error")).body).toEqual({ forced: [] });
    expect((await emu.control("GET", "/oauth/authorizations")).body).toEqual({ authorizations: [] });
    refused(await answer({ request: open.request, decline: "1" }), /already answered/);
  });

  it("uses the client id it was started with", async () => {
    const other = await startTestEmulator({ oauthClientId: "my-pi-app" });
    try {
      const reply = await fetch(`${other.emulator.url}/oauth/authorize?response_type=token&client_id=my-pi-app&redirect_uri=${encodeURIComponent(CALLBACK)}`);
      expect(reply.status).toBe(200);
      const defaultClient = await fetch(`${other.emulator.url}/oauth/authorize?response_type=token&client_id=${CLIENT}&redirect_uri=${encodeURIComponent(CALLBACK)}`);
      expect(defaultClient.status).toBe(400);
    } finally {
      await other.emulator.stop();
    }
  });
});
