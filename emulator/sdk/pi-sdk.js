// @ts-check
/* global window, document, sessionStorage, fetch, console, setTimeout, clearTimeout, URL, HTMLElement, HTMLScriptElement */
/**
 * Pi Browser SDK emulator, served by the Pi emulator at GET /pi-sdk.js. It defines `window.Pi` with the
 * API and callback order of https://sdk.minepi.com/pi-sdk.js, but instead of messaging Pi Browser it
 * calls the emulator (whose origin it reads from its own <script src>) with fetch + CORS, and draws
 * the consent and wallet sheets itself. Development and tests only: it moves no real π.
 *
 * Endpoints it uses (see emulator/wallet-api.ts):
 *   GET  /wallet/config, GET /wallet/pioneers
 *   POST /wallet/sessions|consents {app, uid, scopes} -> {accessToken, user}: one fresh token per authenticate()
 *   POST /v2/payments/user_to_app, GET /v2/payments/incomplete           (Bearer: Pi's own SDK routes)
 *   GET  /wallet/payments/:id, POST /wallet/payments/:id/transaction|user-cancel, POST /wallet/rewarded-ads (Bearer)
 *   POST /wallet/shares {app, title, message}: each Pi.openShareDialog, listed at GET /control/shares
 *   Pi.signIn only navigates to GET /oauth/authorize, the emulator's Pi Sign-in page.
 *
 * The emulator remembers consents per app origin and Pioneer. Which Pioneer uses the emulated Pi Browser
 * is the host's knowledge: framed by the emulator's sandbox page, the SDK asks that page with postMessage
 * (as Pi's SDK messages its parent) and never touches the frame's storage, which browsers may deny.
 * Otherwise it keeps the choice in sessionStorage ("pi-emulator:uid"), or in memory when that throws.
 * Which host it plays (POST /control/host) is written into this file when the emulator serves it.
 *   to the sandbox page: {type: "pi-emulator:get-pioneer", id}, {type: "pi-emulator:set-pioneer", uid}
 *   from it:             {type: "pi-emulator:pioneer", id, uid: string | null}
 */
(function () {
  "use strict";

  /**
   * @typedef {{ developer_approved: boolean, transaction_verified: boolean, developer_completed: boolean,
   *   cancelled: boolean, user_cancelled: boolean }} PaymentStatus
   * @typedef {{ identifier: string, user_uid: string, amount: number, memo: string, metadata: Record<string, unknown>,
   *   from_address: string, to_address: string, direction: string, network: string, created_at: string,
   *   status: PaymentStatus, transaction: null | { txid: string, verified: boolean, _link: string } }} PaymentDTO
   * @typedef {{ onReadyForServerApproval: (paymentId: string) => unknown,
   *   onReadyForServerCompletion: (paymentId: string, txid: string) => unknown,
   *   onCancel: (paymentId: string) => unknown, onError: (error: Error, payment?: PaymentDTO) => unknown }} PaymentCallbacks
   * @typedef {{ uid: string, username?: string }} AuthUser
   * @typedef {{ accessToken: string, user: AuthUser }} AuthResult
   * @typedef {{ accessToken: string, scopes: string[], onIncompletePaymentFound: (payment: PaymentDTO) => unknown }} AuthState
   * @typedef {{ network: string, callbackRetryMs: number, approvalExpiryMs: number }} EmulatorConfig
   * @typedef {{ hostApp: "pi-browser" | "unknown" | "none", answers: "immediately" | "never", init: "answers" | "never" }} HostSettings
   */

  /**
   * The host this page runs in, rewritten by the emulator as it serves this file (emulator/pi-browser.ts):
   * whether getPiHostAppInfo exists must be known before any request could answer.
   * @type {HostSettings}
   */
  const HOST = /* pi-emulator:host */ { hostApp: "pi-browser", answers: "immediately", init: "answers" };

  const STORAGE_KEY = "pi-emulator:uid";
  const KNOWN_SCOPES = ["username", "payments", "wallet_address", "roles", "in_app_notifications", "platform", "preferred_language"];
  /** Pi Sign-in offers no payments: those need Pi Browser. */
  const SIGN_IN_SCOPES = ["username", "wallet_address"];
  const AD_TYPES = ["interstitial", "rewarded"];
  /** A sandbox page answers at once; silence this long means the page is not framed by one. */
  const HOST_TIMEOUT_MS = 1000;
  /** Pi repeats onReadyForServerCompletion at most about 5 times. */
  const MAX_COMPLETION_RETRIES = 5;

  /** Pi-style error: `code` is the emulator's `error` field (e.g. "ongoing_payment_found"). */
  class PiEmulatorError extends Error {
    /** @param {string} message @param {string} code @param {number} [status] @param {PaymentDTO} [payment] */
    constructor(message, code, status, payment) {
      super(message);
      this.name = "PiEmulatorError";
      this.code = code;
      this.status = status;
      this.payment = payment;
    }
  }

  const state = {
    origin: findEmulatorOrigin(),
    /** @type {Promise<void> | null} */ initPromise: null,
    /** @type {EmulatorConfig | null} */ config: null,
    /** @type {AuthState | null} */ auth: null,
    /** @type {Promise<AuthUser> | null} */ consent: null,
    /** Fallback when sessionStorage is blocked (e.g. some cross-site frames). @type {string | null} */ memoryUid: null,
    /** Whether the emulator's sandbox page frames this page; null until it was asked. @type {boolean | null} */ hosted: null,
    hostRequests: 0,
  };

  // ---------------------------------------------------------------- helpers

  /** @returns {string | null} */
  function findEmulatorOrigin() {
    const sources = [];
    const current = document.currentScript;
    if (current instanceof HTMLScriptElement && current.src) sources.push(current.src);
    document.querySelectorAll("script[src]").forEach((s) => {
      if (s instanceof HTMLScriptElement && /\/pi-sdk\.js(?:[?#]|$)/.test(s.src)) sources.push(s.src);
    });
    for (const src of sources) {
      try {
        return new URL(src, window.location.href).origin;
      } catch {
        // try the next candidate
      }
    }
    return null;
  }

  /** @param {number} ms */
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** @param {unknown} value @returns {value is Record<string, unknown>} */
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

  /** Checks the fields the SDK relies on before treating a body as a PaymentDTO. @param {unknown} value */
  function asPayment(value) {
    if (!isObject(value) || typeof value.identifier !== "string" || !isObject(value.status)) {
      throw new PiEmulatorError("The emulator sent an unexpected payment body.", "unexpected_response");
    }
    return /** @type {PaymentDTO} */ (value);
  }

  /** Runs app code; an exception in a callback must not break the SDK. @param {Function | undefined} fn @param {...unknown} args */
  function safeCall(fn, ...args) {
    if (typeof fn !== "function") return;
    try {
      const result = fn(...args);
      if (result && typeof result.then === "function") {
        result.then(undefined, (/** @type {unknown} */ e) => console.error("[Pi emulator] Your callback rejected:", e));
      }
    } catch (e) {
      console.error("[Pi emulator] Your callback threw:", e);
    }
  }

  /**
   * Calls the emulator; non-2xx answers become PiEmulatorError with Pi's error code.
   * @param {string} path @param {{ method?: string, body?: unknown, token?: string }} [options] @returns {Promise<unknown>}
   */
  async function callEmulator(path, options = {}) {
    /** @type {Record<string, string>} */
    const headers = {};
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let response;
    try {
      response = await fetch(`${state.origin}${path}`, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        cache: "no-store",
      });
    } catch {
      throw new PiEmulatorError(`Cannot reach the Pi emulator at ${state.origin}. Is "npm run emulator" running?`, "network_error");
    }
    const data = /** @type {unknown} */ (await response.json().catch(() => null));
    if (response.ok) return data;
    const body = isObject(data) ? data : {};
    const code = typeof body.error === "string" ? body.error : "unknown_error";
    const message = typeof body.error_message === "string" ? body.error_message : `The emulator answered ${response.status}.`;
    throw new PiEmulatorError(message, code, response.status, isObject(body.payment) ? asPayment(body.payment) : undefined);
  }

  /** @param {string} method */
  function requireConfig(method) {
    if (!state.config) throw new Error(`Pi.${method}() was called before Pi.init() finished: await Pi.init({ version: "2.0" }) first.`);
    return state.config;
  }

  /** @param {string} method */
  async function awaitInit(method) {
    if (!state.initPromise) throw new Error(`Pi.${method}() was called before Pi.init(): call and await Pi.init({ version: "2.0" }) first.`);
    await state.initPromise;
    return requireConfig(method);
  }

  // ---------------------------------------------------------------- UI

  const CSS = `
.pi-emu-backdrop{position:fixed;inset:0;z-index:2147483647;display:flex;align-items:flex-end;justify-content:center;background:rgba(20,12,36,.6);font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
.pi-emu-sheet{box-sizing:border-box;width:100%;max-width:480px;max-height:90vh;overflow:auto;margin:0;padding:20px 20px calc(20px + env(safe-area-inset-bottom));border-radius:20px 20px 0 0;background:#fff;color:#1a1328;font-size:17px;line-height:1.45;text-align:left;box-shadow:0 -8px 32px rgba(0,0,0,.35)}
@media (prefers-reduced-motion:no-preference){.pi-emu-sheet{animation:pi-emu-rise .18s ease-out}}
@keyframes pi-emu-rise{from{transform:translateY(24px);opacity:.6}}
.pi-emu-badge{display:inline-block;margin:0 0 8px;padding:2px 10px;border-radius:999px;background:#fff1c9;color:#5c3d00;font-size:13px;font-weight:700}
.pi-emu-title{margin:0 0 6px;font-size:21px;font-weight:800;line-height:1.25;color:#1a1328}
.pi-emu-text{margin:0 0 14px;font-size:15px;color:#3f3850}
.pi-emu-amount{margin:6px 0 2px;font-size:36px;font-weight:800;color:#4b2380}
.pi-emu-memo{margin:0 0 12px;font-size:17px;overflow-wrap:anywhere}
.pi-emu-status{min-height:1.45em;margin:0 0 14px;font-size:15px;font-weight:600;color:#3f3850}
.pi-emu-actions{display:flex;flex-direction:column;gap:10px}
.pi-emu-sheet .pi-emu-btn{all:unset;box-sizing:border-box;display:block;width:100%;min-height:50px;padding:13px 16px;border-radius:12px;font:700 17px/1.2 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:center;cursor:pointer}
.pi-emu-sheet .pi-emu-primary{background:#4b2380;color:#fff}
.pi-emu-sheet .pi-emu-secondary{background:#f3eff9;color:#2d1b4e;box-shadow:inset 0 0 0 2px #cfc3e3}
.pi-emu-sheet .pi-emu-btn:disabled{opacity:.45;cursor:not-allowed}
.pi-emu-sheet .pi-emu-btn:focus-visible{outline:3px solid #e39b00;outline-offset:2px}`;

  let sheetCount = 0;

  /** @template {keyof HTMLElementTagNameMap} K @param {K} tag @param {string} className @param {string} [text] */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** @param {string} label @param {"primary" | "secondary"} kind @param {() => void} onClick */
  function button(label, kind, onClick) {
    const b = el("button", `pi-emu-btn pi-emu-${kind}`, label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /** Open sheets, newest last: only the newest one answers keys. @type {{ kind: string, close: () => void }[]} */
  const openSheets = [];

  /**
   * Where Tab should go instead of its default so that focus stays in the sheet, or null to let it be.
   * @param {HTMLElement[]} items @param {Element | null} active @param {boolean} backwards
   */
  function wrapTarget(items, active, backwards) {
    const first = items[0];
    const last = items.at(-1);
    if (!first || !last) return null;
    if (!items.some((item) => item === active)) return backwards ? last : first;
    if (backwards && active === first) return last;
    if (!backwards && active === last) return first;
    return null;
  }

  /**
   * A modal bottom sheet whose accessible name is its title. It takes focus only when it opens and
   * gives it back when it closes; Tab cycles inside it and Escape calls onEscape.
   * @param {string} title @param {string} kind @param {() => void} onEscape
   */
  function openSheet(title, kind, onEscape) {
    if (!document.getElementById("pi-emu-style")) {
      const style = el("style", "");
      style.id = "pi-emu-style";
      style.textContent = CSS;
      document.head.appendChild(style);
    }
    // Only one sheet of a kind: a newer payment replaces the older one, as in Pi Browser.
    openSheets.filter((s) => s.kind === kind).forEach((s) => s.close());
    const previousFocus = document.activeElement;
    const backdrop = el("div", "pi-emu-backdrop");
    const sheet = el("div", "pi-emu-sheet");
    const heading = el("h2", "pi-emu-title", title);
    heading.id = `pi-emu-title-${++sheetCount}`;
    sheet.setAttribute("role", "dialog");
    sheet.setAttribute("aria-modal", "true");
    sheet.setAttribute("aria-labelledby", heading.id);
    sheet.append(el("p", "pi-emu-badge", "Pi emulator · test π only"), heading);
    backdrop.append(sheet);
    document.body.append(backdrop);

    const focusables = () => [...sheet.querySelectorAll("button:not(:disabled)")].filter((n) => n instanceof HTMLElement);
    const entry = { kind, close };
    /** @param {KeyboardEvent} e */
    const onKeyDown = (e) => {
      if (!backdrop.isConnected || openSheets.at(-1) !== entry) return;
      if (e.key === "Escape") onEscape();
      if (e.key !== "Tab") return;
      const items = focusables();
      const target = wrapTarget(items, document.activeElement, e.shiftKey);
      // With nothing to focus (buttons locked), Tab must not reach the page behind the sheet either.
      if (target || items.length === 0) e.preventDefault();
      target?.focus();
    };
    function close() {
      if (!backdrop.isConnected) return;
      backdrop.remove();
      document.removeEventListener("keydown", onKeyDown);
      openSheets.splice(openSheets.indexOf(entry), 1);
      if (previousFocus instanceof HTMLElement && previousFocus.isConnected) previousFocus.focus();
    }
    document.addEventListener("keydown", onKeyDown);
    openSheets.push(entry);
    return {
      sheet,
      focusFirstButton() {
        focusables()[0]?.focus();
      },
      close,
    };
  }

  function appName() {
    return document.title.trim() || window.location.host;
  }

  /**
   * The consent sheet, offering first the Pioneer already known (the host's, or this tab's). Rejects on Decline.
   * @param {string[]} scopes @param {string | null} knownUid @returns {Promise<AuthUser>}
   */
  async function askConsent(scopes, knownUid) {
    const listed = /** @type {unknown} */ (await callEmulator("/wallet/pioneers"));
    const pioneers = isObject(listed) && Array.isArray(listed.pioneers) ? listed.pioneers.filter(isObject) : [];
    pioneers.sort((a, b) => Number(b.uid === knownUid) - Number(a.uid === knownUid));
    return new Promise((resolve, reject) => {
      const decline = () => {
        ui.close();
        reject(new PiEmulatorError("The Pioneer declined to sign in (authentication was not granted).", "user_declined"));
      };
      const ui = openSheet(`Sign in to ${appName()} with Pi (emulator)`, "consent", decline);
      ui.sheet.append(el("p", "pi-emu-text", `Choose a test Pioneer. ${appName()} will get: ${scopes.join(", ") || "no scopes"}.`));
      const actions = el("div", "pi-emu-actions");
      for (const p of pioneers) {
        if (typeof p.uid !== "string" || typeof p.username !== "string") continue;
        const user = { uid: p.uid, username: p.username };
        actions.append(
          button(`Continue as ${user.username}`, "primary", () => {
            ui.close();
            resolve(user);
          }),
        );
      }
      if (pioneers.length === 0) ui.sheet.append(el("p", "pi-emu-text", "No test Pioneers: create one with POST /control/users."));
      actions.append(button("Decline", "secondary", decline));
      ui.sheet.append(actions);
      ui.focusFirstButton();
    });
  }

  /**
   * The wallet sheet: amount, memo, Confirm (locked until approval) and Cancel.
   * @param {PaymentDTO} payment @param {EmulatorConfig} config
   */
  function openWalletSheet(payment, config) {
    /** @type {(choice: "confirm" | "cancel") => void} */
    let choose = () => {};
    /** @type {Promise<"confirm" | "cancel">} */
    const choice = new Promise((resolve) => (choose = resolve));
    const ui = openSheet("Pi Wallet", "wallet", () => {
      if (!cancel.disabled) choose("cancel");
    });
    const status = el("p", "pi-emu-status", "Waiting for the app to approve…");
    status.setAttribute("role", "status");
    const confirm = button("Confirm", "primary", () => choose("confirm"));
    const cancel = button("Cancel", "secondary", () => choose("cancel"));
    confirm.disabled = true;
    const actions = el("div", "pi-emu-actions");
    actions.append(confirm, cancel);
    ui.sheet.append(
      el("p", "pi-emu-amount", `${payment.amount} π`),
      el("p", "pi-emu-memo", payment.memo),
      el("p", "pi-emu-text", `${config.network} · to the app's wallet`),
      status,
      actions,
    );
    ui.focusFirstButton();
    return {
      choice,
      /** @param {string} text */
      setStatus(text) {
        status.textContent = text;
      },
      approved() {
        confirm.disabled = false;
        // Announced, never focused: a Pioneer about to press Enter on Cancel must not pay instead.
        status.textContent = "Approved by the app: Confirm is now available.";
      },
      lock() {
        confirm.disabled = true;
        cancel.disabled = true;
      },
      /** Shows a final message, then closes. @param {string} text @param {number} ms */
      finish(text, ms) {
        actions.remove();
        status.textContent = text;
        setTimeout(() => ui.close(), ms);
      },
      close: ui.close,
    };
  }

  /** Pi Browser's share sheet: the title and message, and Done. @param {string} title @param {string} message */
  function openShareSheet(title, message) {
    const ui = openSheet("Share", "share", () => {
      ui.close();
    });
    const actions = el("div", "pi-emu-actions");
    actions.append(button("Done", "primary", ui.close));
    ui.sheet.append(el("p", "pi-emu-memo", title), el("p", "pi-emu-text", message), actions);
    ui.focusFirstButton();
  }

  /**
   * The fake rewarded ad: a sheet named "Rewarded ad" standing in for Pi's video. Resolves true when the
   * Pioneer presses "Watch to the end", false on "Close the ad" or Escape (no reward, as in Pi Browser).
   * @returns {Promise<boolean>}
   */
  function watchFakeAd() {
    return new Promise((resolve) => {
      const finish = (/** @type {boolean} */ watched) => {
        ui.close();
        resolve(watched);
      };
      const ui = openSheet("Rewarded ad", "ad", () => finish(false));
      const actions = el("div", "pi-emu-actions");
      actions.append(button("Watch to the end", "primary", () => finish(true)), button("Close the ad", "secondary", () => finish(false)));
      ui.sheet.append(el("p", "pi-emu-text", "A fake ad: Pi Browser plays a video here."), actions);
      ui.focusFirstButton();
    });
  }

  // ---------------------------------------------------------------- authentication

  /**
   * The uid of the Pioneer signed in to the emulated Pi Browser, asked of the sandbox page that frames
   * this page. Resolves undefined when no sandbox page answers (not framed, or framed by another page).
   * @returns {Promise<string | null | undefined>}
   */
  function askHostPioneer() {
    const { parent } = window;
    const origin = state.origin;
    if (parent === window || !origin || state.hosted === false) return Promise.resolve(undefined);
    const id = ++state.hostRequests;
    return new Promise((resolve) => {
      /** @param {string | null | undefined} uid */
      const finish = (uid) => {
        window.removeEventListener("message", onMessage);
        clearTimeout(timer);
        state.hosted = uid !== undefined;
        resolve(uid);
      };
      /** @param {MessageEvent} e */
      const onMessage = (e) => {
        // Only the parent window, on the emulator's origin, speaks for the host.
        if (e.source !== parent || e.origin !== origin || !isObject(e.data)) return;
        if (e.data.type === "pi-emulator:pioneer" && e.data.id === id) finish(typeof e.data.uid === "string" ? e.data.uid : null);
      };
      const timer = setTimeout(() => finish(undefined), HOST_TIMEOUT_MS);
      window.addEventListener("message", onMessage);
      // The target origin keeps the question from a parent on any other origin.
      parent.postMessage({ type: "pi-emulator:get-pioneer", id }, origin);
    });
  }

  /** The Pioneer using the emulated Pi Browser: the sandbox page knows; elsewhere this tab remembers. */
  async function knownPioneerUid() {
    const hostUid = await askHostPioneer();
    return hostUid === undefined ? readStoredUid() : hostUid;
  }

  /** @param {string} uid */
  function rememberPioneer(uid) {
    if (state.hosted && state.origin) window.parent.postMessage({ type: "pi-emulator:set-pioneer", uid }, state.origin);
    else storeUid(uid);
  }

  function readStoredUid() {
    try {
      return sessionStorage.getItem(STORAGE_KEY);
    } catch {
      return state.memoryUid;
    }
  }

  /** @param {string} uid */
  function storeUid(uid) {
    state.memoryUid = uid;
    try {
      sessionStorage.setItem(STORAGE_KEY, uid);
    } catch {
      // Storage blocked: the in-memory copy lasts until reload.
    }
  }

  /**
   * A session for the Pioneer: `/wallet/sessions` if they already granted this app these scopes,
   * `/wallet/consents` right after they did in the sheet. The emulator remembers consents per app origin.
   * @param {"sessions" | "consents"} route @param {string} uid @param {string[]} scopes @returns {Promise<AuthResult>}
   */
  async function openSession(route, uid, scopes) {
    const body = { app: window.location.origin, uid, scopes };
    const data = await callEmulator(`/wallet/${route}`, { method: "POST", body });
    if (!isObject(data) || typeof data.accessToken !== "string" || !isObject(data.user) || typeof data.user.uid !== "string") {
      throw new PiEmulatorError("The emulator sent an unexpected session body.", "unexpected_response");
    }
    const user = /** @type {AuthUser} */ ({ uid: data.user.uid });
    if (typeof data.user.username === "string") user.username = data.user.username;
    return { accessToken: data.accessToken, user };
  }

  /** Silent when the known Pioneer already granted these scopes; otherwise the consent sheet. @param {string[]} scopes */
  async function signIn(scopes) {
    const known = await knownPioneerUid();
    if (known) {
      try {
        return await openSession("sessions", known, scopes);
      } catch (e) {
        // Not granted yet (or revoked), or the emulator was reset and that Pioneer is gone: ask.
        if (!(e instanceof PiEmulatorError && (e.code === "consent_required" || e.code === "user_not_found"))) throw e;
      }
    }
    // React StrictMode may call authenticate twice at once: share one sheet.
    state.consent ??= askConsent(scopes, known).finally(() => (state.consent = null));
    const pioneer = await state.consent;
    const session = await openSession("consents", pioneer.uid, scopes);
    rememberPioneer(pioneer.uid);
    return session;
  }

  /** @param {unknown} scopes @param {unknown} onIncompletePaymentFound @returns {Promise<AuthResult>} */
  async function authenticate(scopes, onIncompletePaymentFound) {
    await awaitInit("authenticate");
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === "string" && KNOWN_SCOPES.includes(s))) {
      throw new PiEmulatorError(`Pi.authenticate(): scopes must be an array of ${KNOWN_SCOPES.join(", ")}.`, "invalid_scopes");
    }
    const result = await signIn(scopes);
    const onIncomplete = typeof onIncompletePaymentFound === "function" ? /** @type {(p: PaymentDTO) => unknown} */ (onIncompletePaymentFound) : () => {};
    state.auth = { accessToken: result.accessToken, scopes, onIncompletePaymentFound: onIncomplete };
    const incomplete = await callEmulator("/v2/payments/incomplete", { token: result.accessToken });
    if (isObject(incomplete) && incomplete.exists === true && isObject(incomplete.payment)) {
      const payment = asPayment(incomplete.payment);
      // After the promise resolves, so the app has its access token when the callback runs.
      setTimeout(() => safeCall(onIncomplete, payment), 0);
    }
    return result;
  }

  // ---------------------------------------------------------------- payments

  /** @param {PaymentDTO} p */
  const isCancelled = (p) => p.status.cancelled || p.status.user_cancelled;

  /**
   * Polls a payment until `done` holds or it is cancelled, calling `retry` every callbackRetryMs meanwhile.
   * Resolves null when stopped, or the last payment seen once `maxRetries` retries went unanswered for another interval.
   * @param {string} id @param {string} token @param {EmulatorConfig} config
   * @param {(p: PaymentDTO) => boolean} done @param {() => void} retry @param {number} maxRetries
   */
  function watchPayment(id, token, config, done, retry, maxRetries) {
    let stopped = false;
    const pollMs = Math.max(50, Math.min(500, Math.floor(config.callbackRetryMs / 4)));
    const promise = (async () => {
      let lastCallback = Date.now();
      let retries = 0;
      let failures = 0;
      while (!stopped) {
        await sleep(pollMs);
        if (stopped) return null;
        let payment;
        try {
          payment = asPayment(await callEmulator(`/wallet/payments/${encodeURIComponent(id)}`, { token }));
          failures = 0;
        } catch (e) {
          if (++failures >= 20) throw e;
          continue;
        }
        if (done(payment) || isCancelled(payment)) return payment;
        if (Date.now() - lastCallback >= config.callbackRetryMs) {
          if (retries >= maxRetries) return payment;
          retries += 1;
          lastCallback = Date.now();
          retry();
        }
      }
      return null;
    })();
    return { promise, stop: () => (stopped = true) };
  }

  /**
   * Pi's flow: create → onReadyForServerApproval (repeated) → Confirm → onReadyForServerCompletion (repeated) → done.
   * @param {{ amount: number, memo: string, metadata: Record<string, unknown> }} data @param {PaymentCallbacks} cb
   * @param {EmulatorConfig} config @param {AuthState} auth
   */
  async function runPayment(data, cb, config, auth) {
    const token = auth.accessToken;
    /** @type {PaymentDTO} */
    let payment;
    try {
      payment = asPayment(await callEmulator("/v2/payments/user_to_app", { method: "POST", token, body: data }));
    } catch (e) {
      if (e instanceof PiEmulatorError && e.code === "ongoing_payment_found" && e.payment) {
        safeCall(cb.onError, e, e.payment);
        safeCall(auth.onIncompletePaymentFound, e.payment);
        return;
      }
      throw e;
    }
    const id = payment.identifier;
    const wallet = openWalletSheet(payment, config);
    try {
      safeCall(cb.onReadyForServerApproval, id);
      // Until the app approves, Pi cancels (expiry, a newer payment) or the Pioneer presses Cancel.
      const approval = watchPayment(id, token, config, (p) => p.status.developer_approved, () => safeCall(cb.onReadyForServerApproval, id), Infinity);
      /** @type {PaymentDTO | null | "confirm" | "cancel"} */
      let next = await Promise.race([approval.promise, wallet.choice]);
      approval.stop();
      if (typeof next === "object" && next !== null && !isCancelled(next)) {
        wallet.approved();
        // Then until the Pioneer chooses, still noticing a cancel by the app or a newer payment.
        const watch = watchPayment(id, token, config, () => false, () => {}, Infinity);
        next = await Promise.race([watch.promise, wallet.choice]);
        watch.stop();
      }
      if (next === "cancel") {
        wallet.lock();
        await callEmulator(`/wallet/payments/${encodeURIComponent(id)}/user-cancel`, { method: "POST", token });
        wallet.close();
        safeCall(cb.onCancel, id);
        return;
      }
      if (next !== "confirm") {
        if (next) payment = next;
        wallet.finish(payment.status.developer_approved ? "The payment was cancelled." : "The payment has expired or was replaced by a newer one.", 1500);
        safeCall(cb.onCancel, id);
        return;
      }
      wallet.lock();
      wallet.setStatus("Submitting the transaction…");
      payment = asPayment(await callEmulator(`/wallet/payments/${encodeURIComponent(id)}/transaction`, { method: "POST", token }));
      const txid = payment.transaction ? payment.transaction.txid : "";
      wallet.setStatus("Waiting for the app to complete the payment…");
      safeCall(cb.onReadyForServerCompletion, id, txid);
      const completion = watchPayment(id, token, config, (p) => p.status.developer_completed, () => safeCall(cb.onReadyForServerCompletion, id, txid), MAX_COMPLETION_RETRIES);
      const last = await completion.promise;
      if (last && last.status.developer_completed) {
        wallet.finish("Payment complete", 1200);
        return;
      }
      wallet.finish("The app has not completed this payment; it will be offered again as an incomplete payment.", 2500);
      safeCall(cb.onError, new PiEmulatorError("The app did not complete the payment in time.", "not_completed", undefined, last ?? payment), last ?? payment);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      wallet.finish(`Something went wrong: ${error.message}`, 2500);
      safeCall(cb.onError, error, payment);
    }
  }

  /** @param {unknown} data */
  function validatePaymentData(data) {
    if (!isObject(data) || typeof data.amount !== "number" || !(data.amount > 0) || typeof data.memo !== "string" || !isObject(data.metadata)) {
      throw new PiEmulatorError("createPayment needs { amount: positive number, memo: string, metadata: object }.", "invalid_input");
    }
    return { amount: data.amount, memo: data.memo, metadata: data.metadata };
  }

  /** @param {unknown} data @param {unknown} callbacks @returns {void} */
  function createPayment(data, callbacks) {
    const config = requireConfig("createPayment");
    const cb = /** @type {Partial<PaymentCallbacks>} */ (isObject(callbacks) ? callbacks : {});
    const names = /** @type {const} */ (["onReadyForServerApproval", "onReadyForServerCompletion", "onCancel", "onError"]);
    const missing = names.filter((name) => typeof cb[name] !== "function");
    if (missing.length > 0) throw new TypeError(`Pi.createPayment(): missing callbacks ${missing.join(", ")}.`);
    const callbacksChecked = /** @type {PaymentCallbacks} */ (cb);
    void (async () => {
      try {
        const auth = state.auth;
        if (!auth) throw new PiEmulatorError("Call Pi.authenticate() before Pi.createPayment().", "not_authenticated");
        if (!auth.scopes.includes("payments")) {
          throw new PiEmulatorError('Pi.createPayment() needs the "payments" scope in Pi.authenticate().', "missing_scope");
        }
        await runPayment(validatePaymentData(data), callbacksChecked, config, auth);
      } catch (e) {
        safeCall(callbacksChecked.onError, e instanceof Error ? e : new Error(String(e)));
      }
    })();
  }

  // ---------------------------------------------------------------- other calls

  /** @param {string} message */
  const invalidInput = (message) => new PiEmulatorError(message, "invalid_input");

  /** @param {unknown} value @returns {value is string} */
  function isRedirectUri(value) {
    if (typeof value !== "string" || value.includes("#")) return false;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:";
    } catch {
      return false;
    }
  }

  /**
   * Pi Sign-in, as Pi's helper does it: builds the authorize URL and navigates; the result comes back in the
   * redirect URI's fragment. Needs no init, since it is meant for browsers where Pi.init never answers.
   * @param {unknown} options @returns {Promise<void>}
   */
  async function signInWithRedirect(options) {
    if (!isObject(options)) throw invalidInput("Pi.signIn() needs { clientId, redirectUri, scopes?, state? }.");
    const { clientId, redirectUri, scopes = ["username"], state: appState } = options;
    if (typeof clientId !== "string" || clientId.trim() === "") throw invalidInput("Pi.signIn(): clientId must be your Pi Sign-in client id.");
    if (!isRedirectUri(redirectUri)) throw invalidInput("Pi.signIn(): redirectUri must be an absolute http(s) URL without a fragment.");
    if (Array.isArray(scopes) && scopes.includes("payments")) throw invalidInput("Pi.signIn(): Pi Sign-in does not offer the payments scope; payments need Pi Browser.");
    if (!Array.isArray(scopes) || scopes.length === 0 || !scopes.every((s) => typeof s === "string" && SIGN_IN_SCOPES.includes(s))) {
      throw invalidInput(`Pi.signIn(): scopes must list some of ${SIGN_IN_SCOPES.join(", ")}.`);
    }
    if (appState !== undefined && (typeof appState !== "string" || appState === "")) throw invalidInput("Pi.signIn(): state must be a non-empty string.");
    if (!state.origin) throw invalidInput("Pi emulator SDK: cannot find its origin, so it cannot build the sign-in URL.");
    const params = { response_type: "token", client_id: clientId, redirect_uri: redirectUri, scope: scopes.join(" "), state: appState };
    // encodeURIComponent, not URLSearchParams: Pi's documented URL separates scopes with %20, not "+".
    const query = Object.entries(params).flatMap(([name, value]) => (typeof value === "string" ? [`${name}=${encodeURIComponent(value)}`] : []));
    window.location.assign(`${state.origin}/oauth/authorize?${query.join("&")}`);
  }

  /** Pi Browser answers {hostApp: "pi-browser"}; the emulator answers as the host POST /control/host chose. */
  function getPiHostAppInfo() {
    if (HOST.answers === "never") return new Promise(() => {});
    return Promise.resolve({ hostApp: HOST.hostApp });
  }

  /** @param {unknown} type */
  async function checkAdType(type) {
    await awaitInit("Ads");
    if (typeof type !== "string" || !AD_TYPES.includes(type)) throw new Error(`Unknown ad type ${String(type)}: use "interstitial" or "rewarded".`);
    return type;
  }

  const Pi = {
    /** @param {{ version?: unknown, sandbox?: unknown }} [config] @returns {Promise<void>} */
    init(config) {
      if (state.initPromise) return state.initPromise;
      if (!isObject(config) || config.version !== "2.0") return Promise.reject(new Error('Pi.init(): version must be "2.0".'));
      if (!state.origin) return Promise.reject(new Error("Pi emulator SDK: cannot find its origin; load it as <script src=\"http://127.0.0.1:3314/pi-sdk.js\">."));
      // Outside Pi Browser, Pi's init waits for a host that never answers; so does everything that awaits it.
      if (HOST.init === "never") return (state.initPromise = new Promise(() => {}));
      const pending = (async () => {
        const data = await callEmulator("/wallet/config");
        if (!isObject(data) || typeof data.network !== "string" || typeof data.callbackRetryMs !== "number" || typeof data.approvalExpiryMs !== "number") {
          throw new PiEmulatorError("The emulator sent an unexpected config body.", "unexpected_response");
        }
        state.config = { network: data.network, callbackRetryMs: data.callbackRetryMs, approvalExpiryMs: data.approvalExpiryMs };
      })();
      state.initPromise = pending;
      // A failed init (emulator not running yet) may be retried.
      pending.catch(() => (state.initPromise = null));
      return pending;
    },
    authenticate,
    createPayment,
    /** @returns {Promise<string[]>} */
    async nativeFeaturesList() {
      await awaitInit("nativeFeaturesList");
      return ["inline_media", "request_permission", "ad_network"];
    },
    /** Draws the share sheet and records the call at the emulator. @param {unknown} title @param {unknown} message @returns {void} */
    openShareDialog(title, message) {
      requireConfig("openShareDialog");
      if (typeof title !== "string" || typeof message !== "string") throw invalidInput("Pi.openShareDialog(title, message): both must be strings.");
      openShareSheet(title, message);
      const body = { app: window.location.origin, title, message };
      callEmulator("/wallet/shares", { method: "POST", body }).catch((/** @type {unknown} */ e) => console.error("[Pi emulator] The share was not recorded:", e));
    },
    signIn: signInWithRedirect,
    // Absent, not failing, when the host is "none": apps test for the method before calling it.
    ...(HOST.hostApp === "none" ? {} : { getPiHostAppInfo }),
    /** @param {string} url @returns {Promise<void>} */
    async openUrlInSystemBrowser(url) {
      await awaitInit("openUrlInSystemBrowser");
      try {
        window.open(new URL(url).href, "_blank", "noopener,noreferrer");
      } catch {
        throw new Error("Failed to open URL");
      }
    },
    Ads: {
      /** @param {unknown} type */
      async showAd(type) {
        const adType = await checkAdType(type);
        if (adType !== "rewarded") return { type: adType, result: "AD_CLOSED" };
        if (!state.auth) return { type: adType, result: "USER_UNAUTHENTICATED" };
        if (!(await watchFakeAd())) return { type: adType, result: "AD_CLOSED" };
        const data = await callEmulator("/wallet/rewarded-ads", { method: "POST", token: state.auth.accessToken });
        const adId = isObject(data) && typeof data.adId === "string" ? data.adId : "";
        return { type: adType, result: "AD_REWARDED", adId };
      },
      /** @param {unknown} type */
      async isAdReady(type) {
        return { type: await checkAdType(type), ready: true };
      },
      /** @param {unknown} type */
      async requestAd(type) {
        return { type: await checkAdType(type), result: "AD_LOADED" };
      },
    },
  };

  Reflect.set(window, "Pi", Pi);
})();
