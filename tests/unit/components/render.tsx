import { cleanup, render } from "@testing-library/react";
import type { ReactElement, ReactNode } from "react";
import { SWRConfig } from "swr";
import { vi } from "vitest";
import { I18nProvider } from "@/components/i18n";
import { SessionControl, SessionNotice, SessionProvider, type SessionCookie } from "@/components/session";
import { setSessionToken } from "@/lib/client/api";
import { forgetPiAuthentication } from "@/lib/client/pi-auth";
import type { SignedIn } from "@/lib/client/sign-in";
import { en } from "@/lib/i18n/messages/en";
import { configurePiSdk, markPiSdkScript } from "@/lib/pi/sdk";
import type { PiAuthResult, PiSdk } from "@/lib/pi/sdk-types";

/** Renders in English with a fresh SWR cache, so tests never share fetched data. */
export function renderWithSwr(ui: ReactElement) {
  return render(
    <I18nProvider locale="en" messages={en}>
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>{ui}</SWRConfig>
    </I18nProvider>,
  );
}

/**
 * The app's shell as the root layout mounts it: one session for the page, its account corner and
 * its notice. `cookie`: what the page's request carried (the layout reads it); by default a session
 * cookie. `viewer`: whom the layout found behind a live cookie.
 */
export function renderApp(children?: ReactNode, cookie?: SessionCookie, viewer?: SignedIn) {
  return renderWithSwr(
    <SessionProvider cookie={cookie} viewer={viewer}>
      <SessionControl />
      <SessionNotice />
      {children}
    </SessionProvider>,
  );
}

export type Answer = { status: number; body: unknown };
type Handler = (body: unknown) => Answer | Promise<Answer>;

/** What POST /api/payments/reconcile answers when it found nothing to settle. */
export const nothingReconciled = (): Answer => ({ status: 200, body: { counts: { examined: 0, paid: 0, cancelled: 0, expired: 0, needsReview: 0, failed: 0 } } });

/** Stubs fetch for our API: `routes["POST /api/orders"] = (body) => ({status, body})`; records calls. */
export function stubApi(routes: Record<string, Handler>) {
  const calls: { route: string; body: unknown; authorization: string | null }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn((path: string, init: RequestInit = {}) => {
      const route = `${init.method ?? "GET"} ${path}`;
      const body: unknown = typeof init.body === "string" ? JSON.parse(init.body) : undefined;
      calls.push({ route, body, authorization: new Headers(init.headers).get("authorization") });
      const handler = routes[route];
      const answer = handler ? handler(body) : { status: 404, body: { error: { code: "not_found", message: "No such route." } } };
      return Promise.resolve(answer).then(({ status, body }) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } }));
    }),
  );
  return calls;
}

const unexpected = () => {
  throw new Error("not expected in this test");
};

/**
 * Installs a fake window.Pi, as the emulator's or Pi's script would, and marks the script loaded.
 * The app initialises the SDK once per page, so every test gets the same object with new methods.
 */
export function installPi(pi: Partial<PiSdk>) {
  window.Pi ??= {} as PiSdk;
  Object.assign(window.Pi, { init: () => Promise.resolve(), authenticate: unexpected, createPayment: unexpected }, pi);
  configurePiSdk({ sandbox: false, requiresFrame: false });
  markPiSdkScript("loaded");
}

/** A Pi.authenticate that gives `uid` a fresh access token each call. */
export const piSignsIn = (uid: string) => vi.fn((): Promise<PiAuthResult> => Promise.resolve({ accessToken: `pi-token-${uid}`, user: { uid } }));

/**
 * Makes the page look framed, as Pi Browser and the Sandbox show apps. jsdom's window.top cannot
 * be redefined, so `self` is what differs; resetPage() puts it back.
 */
export function frameThePage() {
  vi.spyOn(window, "self", "get").mockReturnValue({} as Window & typeof globalThis);
}

/** What a new page load starts from: no DOM, stubs, fake timers, session token, sign-in hint or Pi.authenticate. */
export function resetPage() {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
  setSessionToken(null);
  forgetPiAuthentication();
  window.localStorage.clear();
}

/** An answer the test releases when it wants, to reorder the server's answers and the SDK's callbacks. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((settle) => (resolve = settle));
  return { promise, resolve };
}

/** Counts calls to one route of stubApi's log. */
export const countOf = (calls: { route: string }[], route: string) => calls.filter((c) => c.route === route).length;

/**
 * With fake timers (retry back-offs), waits for `assertion` while moving the clock half a second
 * per check; use it instead of findBy*, whose own timers would be frozen.
 */
export function waitAdvancing(assertion: () => void) {
  return vi.waitFor(async () => {
    await vi.advanceTimersByTimeAsync(500);
    assertion();
  }, { timeout: 5000 });
}
