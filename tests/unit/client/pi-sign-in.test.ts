import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseFragment } from "@/lib/client/oauth-fragment";
import { consume, issue, prune, stateLifetimeMs } from "@/lib/client/oauth-states";
import { beginPiSignIn, finishPiSignIn } from "@/lib/client/pi-sign-in";
import { configurePiSignIn } from "@/lib/client/pi-sign-in-config";
import type { PiSdk } from "@/lib/pi/sdk-types";

describe("the callback fragment", () => {
  it("reads Pi's token and state", () => {
    expect(parseFragment("#access_token=abc.DEF-123&token_type=Bearer&expires_in=3600&state=s1")).toEqual({ kind: "token", accessToken: "abc.DEF-123", state: "s1" });
  });

  it("reads each of Pi's errors, and calls anything else unknown", () => {
    for (const error of ["access_denied", "expired", "cancelled", "server_error"]) {
      expect(parseFragment(`#error=${error}&state=s1`)).toEqual({ kind: "error", error, state: "s1" });
    }
    expect(parseFragment("#error=teapot&state=s1")).toEqual({ kind: "error", error: "unknown", state: "s1" });
  });

  it("sends no token it cannot vouch for: an empty fragment, or one with a malformed token", () => {
    expect(parseFragment("")).toEqual({ kind: "empty" });
    expect(parseFragment("#state=s1")).toEqual({ kind: "empty" });
    expect(parseFragment("#access_token=a%20b%3Cscript%3E&state=s1")).toEqual({ kind: "error", error: "unknown", state: "s1" });
    expect(parseFragment(`#access_token=${"a".repeat(3000)}&state=s1`)).toMatchObject({ kind: "error" });
  });
});

describe("states", () => {
  const now = 1_000_000;

  it("accept a state once, and say 'reused' after that", () => {
    const book = issue({}, "s1", "/orders", now);
    const first = consume(book, "s1", now + 1000);
    expect(first.verdict).toEqual({ ok: true, returnTo: "/orders" });
    expect(consume(first.book, "s1", now + 2000).verdict).toEqual({ ok: false, reason: "reused" });
  });

  it("refuse a state this browser never issued, or none", () => {
    const book = issue({}, "s1", "/", now);
    expect(consume(book, "forged", now).verdict).toEqual({ ok: false, reason: "state_mismatch" });
    expect(consume(book, null, now).verdict).toEqual({ ok: false, reason: "state_mismatch" });
  });

  it("refuse the names every object answers to", () => {
    const book = issue({}, "s1", "/", now);
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(consume(book, name, now).verdict).toEqual({ ok: false, reason: "state_mismatch" });
    }
  });

  it("expire, and the expired one cannot be used afterwards either", () => {
    const book = issue({}, "s1", "/", now);
    const late = consume(book, "s1", now + stateLifetimeMs + 1);
    expect(late.verdict).toEqual({ ok: false, reason: "expired" });
    expect(consume(late.book, "s1", now + stateLifetimeMs + 2).verdict).toEqual({ ok: false, reason: "reused" });
  });

  it("let two sign-ins started in two tabs both come back", () => {
    const book = issue(issue({}, "tab-a", "/", now), "tab-b", "/orders", now + 10);
    expect(consume(book, "tab-a", now + 20).verdict.ok).toBe(true);
    expect(consume(book, "tab-b", now + 20).verdict.ok).toBe(true);
  });

  it("forget what no callback can need, keeping the book small", () => {
    let book = {};
    for (let i = 0; i < 50; i++) book = issue(book, `s${i}`, "/", now + i);
    expect(Object.keys(prune(book, now + 50)).length).toBeLessThanOrEqual(20);
    expect(prune(book, now + 50 + stateLifetimeMs)).toEqual({});
  });
});

describe("Pi Sign-in in the browser", () => {
  const assign = vi.fn();
  beforeEach(() => {
    configurePiSignIn({ clientId: "client-1", authorizeUrl: "https://accounts.example/oauth/authorize" });
    vi.stubGlobal("location", { ...window.location, origin: "https://shop.example", assign });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    assign.mockReset();
    window.localStorage.clear();
    delete window.Pi;
  });

  const stateOf = (url: string) => new URL(url).searchParams.get("state") ?? "";

  it("goes to the authorize URL with a fresh state, and comes back signed in once", async () => {
    await beginPiSignIn("/orders");
    const url = String(assign.mock.calls[0]?.[0]);
    expect(url).toMatch(/^https:\/\/accounts\.example\/oauth\/authorize\?response_type=token&client_id=client-1&redirect_uri=https%3A%2F%2Fshop\.example%2Fsignin%2Fcallback&scope=username&state=/);
    const state = stateOf(url);
    expect(state).toMatch(/^[\w-]{32}$/);
    const fragment = `#access_token=tok&token_type=Bearer&expires_in=3600&state=${state}`;
    expect(finishPiSignIn(fragment)).toEqual({ ok: true, accessToken: "tok", returnTo: "/orders" });
    expect(finishPiSignIn(fragment)).toEqual({ ok: false, reason: "reused" });
  });

  it("uses Pi.signIn when the SDK offers it", async () => {
    const signIn = vi.fn();
    window.Pi = { signIn } as unknown as PiSdk;
    await beginPiSignIn("/");
    expect(assign).not.toHaveBeenCalled();
    const [options] = signIn.mock.calls[0] as [{ state: string }];
    expect(options).toEqual({ clientId: "client-1", redirectUri: "https://shop.example/signin/callback", scopes: ["username"], state: options.state });
    expect(options.state).toMatch(/^[\w-]{32}$/);
  });

  it("reports Pi's refusal only for a state it issued, and a tampered state as a mismatch", async () => {
    await beginPiSignIn("/");
    const state = stateOf(String(assign.mock.calls[0]?.[0]));
    expect(finishPiSignIn(`#access_token=tok&state=${state}x`)).toEqual({ ok: false, reason: "state_mismatch" });
    expect(finishPiSignIn("#access_token=tok&state=constructor")).toEqual({ ok: false, reason: "state_mismatch" });
    expect(finishPiSignIn(`#error=access_denied&state=${state}`)).toEqual({ ok: false, reason: "access_denied" });
  });

  it("comes back to the shop, not the callback, when retried from the callback page", async () => {
    await beginPiSignIn("/signin/callback");
    const state = stateOf(String(assign.mock.calls[0]?.[0]));
    expect(finishPiSignIn(`#access_token=tok&state=${state}`)).toMatchObject({ ok: true, returnTo: "/" });
  });

  it("says 'open in Pi Browser' when Pi Sign-in is not configured", async () => {
    configurePiSignIn({ clientId: null, authorizeUrl: "https://accounts.example/oauth/authorize" });
    await expect(beginPiSignIn("/")).rejects.toMatchObject({ reason: "not_in_pi_browser" });
    expect(assign).not.toHaveBeenCalled();
  });

  it("says so when the browser blocks storage, instead of a false mismatch later", async () => {
    vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("denied", "SecurityError");
    });
    await expect(beginPiSignIn("/")).rejects.toMatchObject({ key: "signin.failed.storage_blocked" });
    expect(assign).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });
});
