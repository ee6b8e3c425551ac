// @vitest-environment jsdom
// The browser SDK (GET /pi-sdk.js) in a DOM, against a real in-process emulator: sheets found by role and
// accessible name, Pi's callback order, retries, expiry, cancel and incomplete payments.
// (jsdom, not node: the SDK needs a document. The emulator itself runs fine in this environment.)
import { configure, fireEvent, getConfig, screen, waitFor, within } from "@testing-library/dom";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { payment, paymentDtoSchema, startTestEmulator, type EmulatorClient } from "./helpers";
import { runSdk, type PaymentCallbacks, type PiSdk } from "./sdk-page";

let emu: EmulatorClient;
let sdkSource = "";
const { asyncUtilTimeout } = getConfig();

beforeAll(async () => {
  // Steps here go over real HTTP and wait on the SDK's callback repeats: findBy*/waitFor's 1 s default is tight on a busy machine.
  configure({ asyncUtilTimeout: 5000 });
  emu = await startTestEmulator({ callbackRetryMs: 200, approvalExpiryMs: 5_000 });
  sdkSource = String((await emu.call("GET", "/pi-sdk.js")).body);
});
afterAll(async () => {
  configure({ asyncUtilTimeout });
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
  sessionStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  Reflect.set(window, "parent", window);
});

/** A fresh page that loaded the SDK. */
const loadSdk = (): PiSdk => runSdk(sdkSource, emu.emulator.url);

async function signInAs(pi: PiSdk, username: string, onIncomplete: (p: unknown) => unknown = () => {}) {
  const auth = pi.authenticate(["username", "payments"], onIncomplete);
  const dialog = await screen.findByRole("dialog", { name: "Sign in to Shop with Pi (emulator)" });
  within(dialog).getByRole("button", { name: `Continue as ${username}` }).click();
  return auth;
}

/** Callbacks that log their calls; `approve`/`complete` decide whether the "app server" acts. */
function recordingCallbacks(options: { approveOnCall?: number; completeOnCall?: number; throwing?: boolean } = {}) {
  const events: string[] = [];
  const counts = { approval: 0, completion: 0 };
  const callbacks: PaymentCallbacks = {
    onReadyForServerApproval: async (id) => {
      events.push("approval");
      counts.approval += 1;
      if (counts.approval === (options.approveOnCall ?? 1)) await emu.server("POST", `/v2/payments/${id}/approve`);
      if (options.throwing) throw new Error("app bug");
    },
    onReadyForServerCompletion: async (id, txid) => {
      events.push(`completion:${txid.length}`);
      counts.completion += 1;
      if (counts.completion === (options.completeOnCall ?? 1)) await emu.server("POST", `/v2/payments/${id}/complete`, { txid });
    },
    onCancel: (id) => void events.push(`cancel:${id.length}`),
    onError: (error) => void events.push(`error:${error.message}`),
  };
  return { events, counts, callbacks };
}

/** Makes the frame's storage throw, as browsers do for a cross-site frame that is denied storage. */
function blockStorage() {
  return (["sessionStorage", "localStorage"] as const).map((name) =>
    vi.spyOn(window, name, "get").mockImplementation(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    }),
  );
}

const hostMessageSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("pi-emulator:get-pioneer"), id: z.number() }),
  z.strictObject({ type: z.literal("pi-emulator:set-pioneer"), uid: z.string() }),
]);

/**
 * Puts the page in a frame whose parent plays the emulator's sandbox page: it answers from the emulator's
 * origin with the Pioneer signed in to the emulated Pi Browser, and records the one the SDK tells it.
 * `forged` answers arrive first, as a page on another origin (or another window) might send them.
 */
function framedBySandboxPage(host: { uid: string | null }, forged: { origin: string; source: "parent" | "self"; uid: string }[] = []) {
  const parent = {
    postMessage(message: unknown, targetOrigin: string) {
      expect(targetOrigin).toBe(emu.emulator.url);
      const m = hostMessageSchema.parse(message);
      if (m.type === "pi-emulator:set-pioneer") {
        host.uid = m.uid;
        return;
      }
      const answer = (origin: string, source: unknown, uid: string | null) =>
        window.dispatchEvent(new MessageEvent("message", { origin, source: source as Window, data: { type: "pi-emulator:pioneer", id: m.id, uid } }));
      setTimeout(() => {
        for (const f of forged) answer(f.origin, f.source === "parent" ? parent : window, f.uid);
        answer(emu.emulator.url, parent, host.uid);
      }, 0);
    },
  };
  Reflect.set(window, "parent", parent);
}

async function pioneerUid(username: string) {
  const users = z.object({ users: z.array(z.object({ uid: z.string(), username: z.string() })) }).parse((await emu.control("GET", "/users")).body).users;
  const found = users.find((u) => u.username === username);
  if (!found) throw new Error(`No Pioneer ${username}`);
  return found.uid;
}

/** Awaits a sign-in that must not show the consent sheet. */
async function silently<T>(auth: Promise<T>): Promise<T> {
  let settled = false;
  void auth.finally(() => (settled = true));
  await waitFor(() => {
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(settled).toBe(true);
  });
  return auth;
}

const walletDialog = () => screen.findByRole("dialog", { name: "Pi Wallet" });

describe("init and authenticate", () => {
  it("refuses calls before init", async () => {
    const pi = loadSdk();
    await expect(pi.authenticate(["username"], () => {})).rejects.toThrow(/Pi\.init/);
    expect(() => pi.createPayment({ amount: 1, memo: "m", metadata: {} }, recordingCallbacks().callbacks)).toThrow(/Pi\.init/);
    await expect(pi.init({ version: "1.0" })).rejects.toThrow(/2\.0/);
  });

  it("asks for consent once per tab, then re-authenticates silently with a fresh token", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0", sandbox: true });
    const auth = pi.authenticate(["username", "payments"], () => {});
    const dialog = await screen.findByRole("dialog", { name: "Sign in to Shop with Pi (emulator)" });
    const buttons = within(dialog).getAllByRole("button").map((b) => b.textContent);
    expect(buttons).toEqual(["Continue as alice", "Continue as bob", "Decline"]);
    expect(document.activeElement?.textContent).toBe("Continue as alice");
    within(dialog).getByRole("button", { name: "Continue as bob" }).click();
    const first = await auth;
    expect(first.user.username).toBe("bob");
    expect(screen.queryByRole("dialog")).toBeNull();
    const me = await emu.call("GET", "/v2/me", { authorization: `Bearer ${first.accessToken}` });
    expect(me.body).toMatchObject({ uid: first.user.uid, username: "bob" });

    const reloaded = loadSdk();
    await reloaded.init({ version: "2.0" });
    const second = await reloaded.authenticate(["username", "payments"], () => {});
    expect(second.user).toEqual(first.user);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(sessionStorage.getItem("pi-emulator:uid")).toBe(first.user.uid);
  });

  it("lists Pioneers created through the control API, rejects on Decline, and asks again after a reset", async () => {
    await emu.newUser("carol");
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const auth = pi.authenticate(["username"], () => {});
    const dialog = await screen.findByRole("dialog", { name: /Sign in to Shop/ });
    expect(within(dialog).getByRole("button", { name: "Continue as carol" })).toBeTruthy();
    within(dialog).getByRole("button", { name: "Decline" }).click();
    await expect(auth).rejects.toThrow(/declined/);

    await signInAs(pi, "alice");
    await emu.control("POST", "/reset");
    const again = pi.authenticate(["username"], () => {});
    (await screen.findByRole("button", { name: "Continue as alice" })).click();
    expect((await again).user.username).toBe("alice");
  });

  it("asks again in the same tab once the Pioneer revoked the app's consent", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const first = await signInAs(pi, "bob");
    expect((await emu.control("DELETE", "/consents", { app: window.location.origin, uid: first.user.uid })).body).toEqual({ revoked: 1 });
    const again = loadSdk();
    await again.init({ version: "2.0" });
    expect((await signInAs(again, "bob")).user).toEqual(first.user);
  });

  it("framed by the sandbox page, remembers consent without the frame's storage: the next load is silent", async () => {
    const storage = blockStorage();
    const host = { uid: null as string | null };
    framedBySandboxPage(host);
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const first = await signInAs(pi, "alice");
    expect(host.uid).toBe(first.user.uid);

    const reloaded = loadSdk();
    await reloaded.init({ version: "2.0" });
    const second = await silently(reloaded.authenticate(["username", "payments"], () => {}));
    expect(second.user).toEqual(first.user);
    for (const getter of storage) expect(getter).not.toHaveBeenCalled();
  });

  it("offers the host's Pioneer first, and asks again once that Pioneer revoked the app's consent", async () => {
    const bob = await pioneerUid("bob");
    blockStorage();
    framedBySandboxPage({ uid: bob });
    await emu.call("POST", "/wallet/consents", { body: { app: window.location.origin, uid: bob, scopes: ["username"] } });
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    expect((await silently(pi.authenticate(["username"], () => {}))).user.uid).toBe(bob);

    await emu.control("DELETE", "/consents", { app: window.location.origin, uid: bob });
    const auth = pi.authenticate(["username"], () => {});
    const dialog = await screen.findByRole("dialog", { name: "Sign in to Shop with Pi (emulator)" });
    expect(within(dialog).getAllByRole("button").map((b) => b.textContent)).toEqual(["Continue as bob", "Continue as alice", "Decline"]);
    within(dialog).getByRole("button", { name: "Continue as bob" }).click();
    expect((await auth).user.uid).toBe(bob);
  });

  it("believes only the sandbox page: answers from another origin or window are ignored", async () => {
    const alice = await pioneerUid("alice");
    await emu.call("POST", "/wallet/consents", { body: { app: window.location.origin, uid: alice, scopes: ["username"] } });
    framedBySandboxPage({ uid: null }, [
      { origin: "http://localhost:9999", source: "parent", uid: alice },
      { origin: emu.emulator.url, source: "self", uid: alice },
    ]);
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const auth = pi.authenticate(["username"], () => {});
    // A forged answer naming a consenting Pioneer would have signed in silently.
    within(await screen.findByRole("dialog")).getByRole("button", { name: "Decline" }).click();
    await expect(auth).rejects.toThrow(/declined/);
  });

  it("framed by another page (no answer) with storage blocked, keeps the Pioneer in memory", async () => {
    blockStorage();
    const postMessage = vi.fn();
    Reflect.set(window, "parent", { postMessage });
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const auth = pi.authenticate(["username"], () => {});
    (await screen.findByRole("button", { name: "Continue as alice" })).click();
    const first = await auth;
    expect(postMessage).toHaveBeenCalledTimes(1);
    expect((await silently(pi.authenticate(["username"], () => {}))).user.uid).toBe(first.user.uid);
    // Asked once: the page now knows no sandbox page frames it.
    expect(postMessage).toHaveBeenCalledTimes(1);
  });

  it("rejects unknown scopes", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    await expect(pi.authenticate(["username", "everything"], () => {})).rejects.toThrow(/scopes/);
  });
});

describe("createPayment", () => {
  it("runs Pi's flow: approval, Confirm, completion, in that order", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    await signInAs(pi, "alice");
    const { events, callbacks } = recordingCallbacks();
    pi.createPayment({ amount: 3.14, memo: "Coffee beans", metadata: { orderId: "o-1" } }, callbacks);

    const dialog = await walletDialog();
    expect(within(dialog).getByText("3.14 π")).toBeTruthy();
    expect(within(dialog).getByText("Coffee beans")).toBeTruthy();
    const confirm = within(dialog).getByRole("button", { name: "Confirm" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toBeTruthy();
    await waitFor(() => expect(confirm).toHaveProperty("disabled", false));
    confirm.click();
    await within(dialog).findByText("Payment complete");
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Pi Wallet" })).toBeNull());
    expect(events).toEqual(["approval", "completion:64"]);
    const all = (await emu.control("GET", "/payments")).body;
    expect(all).toMatchObject({ payments: [{ status: { developer_completed: true }, amount: 3.14, metadata: { orderId: "o-1" } }] });
  });

  it("shows the locked wallet while waiting, and repeats the callbacks every callbackRetryMs", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    await signInAs(pi, "alice");
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const { events, callbacks } = recordingCallbacks({ approveOnCall: 2, completeOnCall: 3, throwing: true });
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, callbacks);
    const dialog = await walletDialog();
    expect(within(dialog).getByRole("status").textContent).toBe("Waiting for the app to approve…");
    expect(within(dialog).getByRole("button", { name: "Confirm" })).toHaveProperty("disabled", true);
    const confirm = within(dialog).getByRole("button", { name: "Confirm" });
    await waitFor(() => expect(confirm).toHaveProperty("disabled", false));
    confirm.click();
    await within(dialog).findByText("Payment complete");
    expect(events).toEqual(["approval", "approval", "completion:64", "completion:64", "completion:64"]);
    // The approval callback threw twice; the SDK logged it and carried on.
    expect(consoleError).toHaveBeenCalledTimes(2);
    consoleError.mockRestore();
  });

  it("never moves focus when approval arrives: Cancel keeps it, the status announces Confirm", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    await signInAs(pi, "alice");
    const buy = document.body.appendChild(document.createElement("button"));
    buy.textContent = "Buy";
    buy.focus();
    const { events, callbacks } = recordingCallbacks({ approveOnCall: 2 });
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, callbacks);
    const dialog = await walletDialog();
    const cancel = within(dialog).getByRole("button", { name: "Cancel" });
    const confirm = within(dialog).getByRole("button", { name: "Confirm" });
    // Opening the sheet moves focus into it, to the first enabled button.
    expect(document.activeElement).toBe(cancel);
    await waitFor(() => expect(confirm).toHaveProperty("disabled", false));
    expect(document.activeElement).toBe(cancel);
    expect(within(dialog).getByRole("status").textContent).toMatch(/Confirm is now available/);

    cancel.click();
    await waitFor(() => expect(events.at(-1)).toBe("cancel:28"));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(buy);
  });

  it("keeps Tab inside the sheet, and Escape declines from wherever focus is", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const auth = pi.authenticate(["username"], () => {});
    const dialog = await screen.findByRole("dialog", { name: "Sign in to Shop with Pi (emulator)" });
    const [alice, bob, decline] = within(dialog).getAllByRole("button");
    expect(document.activeElement).toBe(alice);
    const tab = (shiftKey = false) => fireEvent.keyDown(document.activeElement ?? document.body, { key: "Tab", shiftKey });
    tab(true);
    expect(document.activeElement).toBe(decline);
    tab();
    expect(document.activeElement).toBe(alice);
    bob?.focus();
    // Between the ends the browser moves focus itself; the sheet leaves that Tab alone.
    expect(tab()).toBe(true);
    expect(document.activeElement).toBe(bob);
    bob?.blur();
    tab();
    expect(document.activeElement).toBe(alice);
    bob?.blur();
    fireEvent.keyDown(document.body, { key: "Escape" });
    await expect(auth).rejects.toThrow(/declined/);
  });

  it("calls onCancel when the Pioneer cancels", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    await signInAs(pi, "alice");
    const { events, callbacks } = recordingCallbacks({ approveOnCall: 0 });
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, callbacks);
    within(await walletDialog()).getByRole("button", { name: "Cancel" }).click();
    await waitFor(() => expect(events).toEqual(["approval", "cancel:28"]));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect((await emu.control("GET", "/payments")).body).toMatchObject({ payments: [{ status: { user_cancelled: true, cancelled: true } }] });
  });

  it("calls onCancel when Pi expires an unapproved payment", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    await signInAs(pi, "alice");
    const { events, callbacks } = recordingCallbacks({ approveOnCall: 0 });
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, callbacks);
    const dialog = await walletDialog();
    await waitFor(() => expect(events.length).toBeGreaterThanOrEqual(2));
    const { payments } = z.object({ payments: z.array(paymentDtoSchema) }).parse((await emu.control("GET", "/payments")).body);
    await emu.control("POST", `/payments/${payments[0]?.identifier ?? ""}/expire`);
    await within(dialog).findByText(/expired/);
    expect(events.at(-1)).toBe("cancel:28");
  });

  it("reports an unfinished payment: onIncompletePaymentFound on authenticate, onError on a new payment", async () => {
    const alice = await emu.newUser("alice");
    const stuck = await emu.newPayment(alice.accessToken);
    await emu.server("POST", `/v2/payments/${stuck.identifier}/approve`);
    const signed = payment(await emu.control("POST", `/payments/${stuck.identifier}/transaction`));

    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const found = vi.fn();
    await signInAs(pi, "alice", found);
    await waitFor(() => expect(found).toHaveBeenCalledWith(signed));

    const errors: unknown[] = [];
    const { callbacks } = recordingCallbacks();
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, { ...callbacks, onError: (error, p) => void errors.push(error.message, p) });
    await waitFor(() => expect(found).toHaveBeenCalledTimes(2));
    expect(errors).toEqual([expect.stringMatching(/pending payment/), signed]);
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("needs authenticate with the payments scope", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    const { events, callbacks } = recordingCallbacks();
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, callbacks);
    await waitFor(() => expect(events).toEqual([expect.stringMatching(/^error:Call Pi\.authenticate/)]));
    const auth = pi.authenticate(["username"], () => {});
    (await screen.findByRole("button", { name: "Continue as alice" })).click();
    await auth;
    pi.createPayment({ amount: 1, memo: "m", metadata: {} }, callbacks);
    await waitFor(() => expect(events.at(-1)).toMatch(/payments" scope/));
  });
});

describe("other calls", () => {
  it("lists native features, fakes ads and opens URLs", async () => {
    const pi = loadSdk();
    await pi.init({ version: "2.0" });
    expect(await pi.nativeFeaturesList()).toEqual(["inline_media", "request_permission", "ad_network"]);
    expect(await pi.Ads.showAd("interstitial")).toEqual({ type: "interstitial", result: "AD_CLOSED" });
    expect(await pi.Ads.showAd("rewarded")).toEqual({ type: "rewarded", result: "USER_UNAUTHENTICATED" });
    expect(await pi.Ads.isAdReady("rewarded")).toEqual({ type: "rewarded", ready: true });
    expect(await pi.Ads.requestAd("interstitial")).toEqual({ type: "interstitial", result: "AD_LOADED" });
    await signInAs(pi, "alice");
    // The fake ad: closed early it rewards nothing; watched to the end it reports an ad id.
    const closed = pi.Ads.showAd("rewarded");
    within(await screen.findByRole("dialog", { name: "Rewarded ad" })).getByRole("button", { name: "Close the ad" }).click();
    expect(await closed).toEqual({ type: "rewarded", result: "AD_CLOSED" });
    const watched = pi.Ads.showAd("rewarded");
    within(await screen.findByRole("dialog", { name: "Rewarded ad" })).getByRole("button", { name: "Watch to the end" }).click();
    expect(await watched).toEqual({ type: "rewarded", result: "AD_REWARDED", adId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown });
    expect(screen.queryByRole("dialog")).toBeNull();
    const open = vi.spyOn(window, "open").mockReturnValue(null);
    await pi.openUrlInSystemBrowser("https://example.com/");
    expect(open).toHaveBeenCalledWith("https://example.com/", "_blank", "noopener,noreferrer");
    await expect(pi.openUrlInSystemBrowser("not a url")).rejects.toThrow("Failed to open URL");
  });
});
