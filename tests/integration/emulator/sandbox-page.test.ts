// @vitest-environment jsdom
// The sandbox page (GET /sandbox) as Pi Browser around the app: its header shows and switches the test
// Pioneer, and its script answers only the app frame, at the origin it framed, about who that Pioneer is.
import { runInThisContext } from "node:vm";
import { screen, waitFor } from "@testing-library/dom";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startTestEmulator, type EmulatorClient } from "./helpers";

const APP = "http://localhost:3000/shop?x=1";
const APP_ORIGIN = "http://localhost:3000";
const STORAGE_KEY = "pi-emulator:host-uid";

let emu: EmulatorClient;
let pageHtml = "";
let pageScript = "";
const realFetch = globalThis.fetch;
/** The page fetches the Pioneers from the emulator: leave room for a busy machine. */
const settled = { timeout: 5000 };
/** Message listeners the page script added, removed after each test so old pages stay silent. */
const listeners: EventListenerOrEventListenerObject[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  pageHtml = String((await emu.call("GET", `/sandbox?app=${encodeURIComponent(APP)}`)).body);
  pageScript = String((await emu.call("GET", "/sandbox-page.js")).body);
});
afterAll(async () => {
  await emu.emulator.stop();
});
beforeEach(async () => {
  await emu.control("POST", "/reset");
  localStorage.clear();
});
afterEach(() => {
  for (const listener of listeners.splice(0)) window.removeEventListener("message", listener);
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

/** Loads the page as served, with its script; the page's own requests go to the emulator. */
async function openSandboxPage() {
  const parsed = new DOMParser().parseFromString(pageHtml, "text/html");
  document.head.innerHTML = parsed.head.innerHTML;
  document.body.innerHTML = parsed.body.innerHTML;
  vi.stubGlobal("fetch", (input: string | URL, init?: RequestInit) => realFetch(`${emu.emulator.url}${new URL(input).pathname}`, init));
  const addEventListener = window.addEventListener.bind(window);
  vi.spyOn(window, "addEventListener").mockImplementation((type: string, listener: EventListenerOrEventListenerObject) => {
    if (type === "message") listeners.push(listener);
    addEventListener(type, listener);
  });
  runInThisContext(pageScript, { filename: "sandbox-page.js" });
  await waitFor(() => expect(picker().options).toHaveLength(3), settled);
  const frame = document.querySelector('iframe[title="App"]');
  if (!(frame instanceof HTMLIFrameElement) || !frame.contentWindow) throw new Error("no app frame");
  const replies = vi.spyOn(frame.contentWindow, "postMessage").mockImplementation(() => {});
  return { frame, appWindow: frame.contentWindow, replies };
}

function picker(): HTMLSelectElement {
  const node = screen.getByRole("combobox", { name: "Pioneer in Pi Browser" });
  if (!(node instanceof HTMLSelectElement)) throw new Error("no Pioneer picker");
  return node;
}

const signedInAs = () => picker().selectedOptions[0]?.textContent;

function send(data: unknown, origin: string, source: Window) {
  window.dispatchEvent(new MessageEvent("message", { data, origin, source }));
}

async function uidOf(username: string) {
  const { users } = z.object({ users: z.array(z.object({ uid: z.string(), username: z.string() })) }).parse((await emu.control("GET", "/users")).body);
  return users.find((u) => u.username === username)?.uid ?? "";
}

describe("sandbox page", () => {
  it("names its own icon, so the browser asks the emulator for no /favicon.ico it does not have", () => {
    const parsed = new DOMParser().parseFromString(pageHtml, "text/html");
    expect(parsed.head.querySelector('link[rel="icon"]')?.getAttribute("href")).toBe("data:,");
  });

  it("answers the app frame, at its origin, with the Pioneer it is told about", async () => {
    const { appWindow, replies } = await openSandboxPage();
    expect(signedInAs()).toBe("Signed out");
    send({ type: "pi-emulator:get-pioneer", id: 1 }, APP_ORIGIN, appWindow);
    expect(replies).toHaveBeenLastCalledWith({ type: "pi-emulator:pioneer", id: 1, uid: null }, APP_ORIGIN);

    const alice = await uidOf("alice");
    send({ type: "pi-emulator:set-pioneer", uid: alice }, APP_ORIGIN, appWindow);
    await waitFor(() => expect(signedInAs()).toBe("alice"), settled);
    expect(localStorage.getItem(STORAGE_KEY)).toBe(alice);
    send({ type: "pi-emulator:get-pioneer", id: 2 }, APP_ORIGIN, appWindow);
    expect(replies).toHaveBeenLastCalledWith({ type: "pi-emulator:pioneer", id: 2, uid: alice }, APP_ORIGIN);
    expect(screen.getByRole("button", { name: "Sign out" })).toHaveProperty("disabled", false);
  });

  it("ignores messages from other origins, other windows and malformed ones", async () => {
    const { appWindow, replies } = await openSandboxPage();
    const bob = await uidOf("bob");
    for (const [origin, source] of [
      ["http://localhost:3001", appWindow],
      [emu.emulator.url, appWindow],
      [APP_ORIGIN, window],
    ] as const) {
      send({ type: "pi-emulator:get-pioneer", id: 1 }, origin, source);
      send({ type: "pi-emulator:set-pioneer", uid: bob }, origin, source);
    }
    send({ type: "pi-emulator:get-pioneer", id: "1" }, APP_ORIGIN, appWindow);
    send({ type: "pi-emulator:set-pioneer", uid: 7 }, APP_ORIGIN, appWindow);
    send("pi-emulator:set-pioneer", APP_ORIGIN, appWindow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies).not.toHaveBeenCalled();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(signedInAs()).toBe("Signed out");
  });

  it("drops a Pioneer the emulator no longer has", async () => {
    localStorage.setItem(STORAGE_KEY, "gone-after-reset");
    const { appWindow, replies } = await openSandboxPage();
    expect(signedInAs()).toBe("Signed out");
    send({ type: "pi-emulator:set-pioneer", uid: "never-existed" }, APP_ORIGIN, appWindow);
    await waitFor(() => expect(localStorage.getItem(STORAGE_KEY)).toBeNull(), settled);
    send({ type: "pi-emulator:get-pioneer", id: 3 }, APP_ORIGIN, appWindow);
    expect(replies).toHaveBeenLastCalledWith({ type: "pi-emulator:pioneer", id: 3, uid: null }, APP_ORIGIN);
  });

  it("switches or signs out from the header, restarting the app", async () => {
    localStorage.setItem(STORAGE_KEY, await uidOf("alice"));
    const { frame } = await openSandboxPage();
    expect(signedInAs()).toBe("alice");
    const navigations: MutationRecord[] = [];
    new MutationObserver((records) => navigations.push(...records)).observe(frame, { attributeFilter: ["src"] });

    const bob = await uidOf("bob");
    picker().value = bob;
    picker().dispatchEvent(new Event("change"));
    expect(localStorage.getItem(STORAGE_KEY)).toBe(bob);
    screen.getByRole("button", { name: "Sign out" }).click();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(signedInAs()).toBe("Signed out");
    expect(screen.getByRole("button", { name: "Sign out" })).toHaveProperty("disabled", true);
    await waitFor(() => expect(navigations).toHaveLength(2), settled);
    expect(frame.getAttribute("src")).toBe(APP);
  });

  it("keeps the Pioneer in memory when even its own storage is blocked", async () => {
    vi.spyOn(window, "localStorage", "get").mockImplementation(() => {
      throw new DOMException("The operation is insecure.", "SecurityError");
    });
    const { appWindow, replies } = await openSandboxPage();
    const alice = await uidOf("alice");
    send({ type: "pi-emulator:set-pioneer", uid: alice }, APP_ORIGIN, appWindow);
    await waitFor(() => expect(signedInAs()).toBe("alice"), settled);
    send({ type: "pi-emulator:get-pioneer", id: 4 }, APP_ORIGIN, appWindow);
    expect(replies).toHaveBeenLastCalledWith({ type: "pi-emulator:pioneer", id: 4, uid: alice }, APP_ORIGIN);
  });
});
