// @vitest-environment jsdom
// The SDK outside the payment flow: Pi.signIn's navigation, the host modes of POST /control/host
// (getPiHostAppInfo and Pi.init), and the share sheet, against a real in-process emulator.
import { fireEvent, screen, waitFor, within } from "@testing-library/dom";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { startTestEmulator, type EmulatorClient } from "./helpers";
import { runSdk, type PiSdk } from "./sdk-page";

const CALLBACK = "http://localhost:3000/auth/pi/callback";
/** How long a promise must stay pending to count as "never settles" here. */
const A_WHILE_MS = 300;

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
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A page loaded while the emulator plays this host: the settings come with the served script. */
async function loadSdk(host: Record<string, string> = {}): Promise<PiSdk> {
  expect((await emu.control("POST", "/host", host)).status).toBe(200);
  return runSdk(String((await emu.call("GET", "/pi-sdk.js")).body), emu.emulator.url);
}

/** Replaces window.location with one whose assign() only records where the page would go. */
function stubNavigation() {
  const assign = vi.fn<(url: string) => void>();
  vi.stubGlobal("location", { origin: window.location.origin, href: window.location.href, assign });
  return assign;
}

async function isStillPending(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, A_WHILE_MS));
  return !settled;
}

describe("Pi.signIn", () => {
  it("navigates to the emulator's authorize URL, which shows the consent page", async () => {
    const pi = await loadSdk();
    const assign = stubNavigation();
    await pi.signIn({ clientId: "emulator-oauth-client", redirectUri: CALLBACK, scopes: ["username", "wallet_address"], state: "s 1/é" });
    const expected =
      `${emu.emulator.url}/oauth/authorize?response_type=token&client_id=emulator-oauth-client` +
      `&redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fauth%2Fpi%2Fcallback&scope=username%20wallet_address&state=s%201%2F%C3%A9`;
    expect(assign.mock.calls).toEqual([[expected]]);
    const page = await fetch(expected);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Continue as alice");
  });

  it("asks for username when no scopes are given, sends no state when none is given, and needs no init", async () => {
    const pi = await loadSdk({ init: "never" });
    const assign = stubNavigation();
    await pi.signIn({ clientId: "emulator-oauth-client", redirectUri: CALLBACK });
    expect(assign).toHaveBeenCalledWith(`${emu.emulator.url}/oauth/authorize?response_type=token&client_id=emulator-oauth-client&redirect_uri=${encodeURIComponent(CALLBACK)}&scope=username`);
  });

  it.each([
    [undefined, /needs \{ clientId/],
    [{ redirectUri: CALLBACK }, /clientId/],
    [{ clientId: " ", redirectUri: CALLBACK }, /clientId/],
    [{ clientId: "c", redirectUri: "/auth/pi/callback" }, /redirectUri/],
    [{ clientId: "c", redirectUri: `${CALLBACK}#x` }, /redirectUri/],
    [{ clientId: "c", redirectUri: "javascript:alert(1)" }, /redirectUri/],
    [{ clientId: "c", redirectUri: CALLBACK, scopes: ["username", "payments"] }, /payments need Pi Browser/],
    [{ clientId: "c", redirectUri: CALLBACK, scopes: ["roles"] }, /scopes must list/],
    [{ clientId: "c", redirectUri: CALLBACK, scopes: [] }, /scopes must list/],
    [{ clientId: "c", redirectUri: CALLBACK, scopes: "username" }, /scopes must list/],
    [{ clientId: "c", redirectUri: CALLBACK, state: "" }, /state/],
    [{ clientId: "c", redirectUri: CALLBACK, state: 7 }, /state/],
  ])("refuses %j without navigating", async (options, message) => {
    const pi = await loadSdk();
    const assign = stubNavigation();
    await expect(pi.signIn(options)).rejects.toThrow(message);
    expect(assign).not.toHaveBeenCalled();
  });
});

describe("the host (POST /control/host)", () => {
  it("answers getPiHostAppInfo as Pi Browser by default, or as an unknown host", async () => {
    expect(await (await loadSdk()).getPiHostAppInfo?.()).toEqual({ hostApp: "pi-browser" });
    expect(await (await loadSdk({ hostApp: "unknown" })).getPiHostAppInfo?.()).toEqual({ hostApp: "unknown" });
  });

  it("answers: never leaves getPiHostAppInfo pending", async () => {
    const pi = await loadSdk({ answers: "never" });
    expect(pi.getPiHostAppInfo).toBeTypeOf("function");
    expect(await isStillPending(pi.getPiHostAppInfo?.() ?? Promise.resolve())).toBe(true);
  });

  it('hostApp: "none" leaves the method out of window.Pi', async () => {
    const pi = await loadSdk({ hostApp: "none" });
    expect("getPiHostAppInfo" in pi).toBe(false);
    expect(typeof pi.init).toBe("function");
  });

  it("init: never leaves Pi.init and Pi.authenticate pending, and shows no sheet", async () => {
    const pi = await loadSdk({ init: "never" });
    const init = pi.init({ version: "2.0" });
    const auth = pi.authenticate(["username"], () => {});
    expect(await isStillPending(init)).toBe(true);
    expect(await isStillPending(auth)).toBe(true);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await (await loadSdk()).init({ version: "2.0" })).toBeUndefined();
  });
});

describe("Pi.openShareDialog", () => {
  const sharesSchema = z.object({ shares: z.array(z.object({ app: z.string(), title: z.string(), message: z.string() })) });
  const shares = async () => sharesSchema.parse((await emu.control("GET", "/shares")).body).shares;

  it("shows a Share sheet that takes focus, keeps Tab inside, closes on Escape, and is recorded", async () => {
    const pi = await loadSdk();
    await pi.init({ version: "2.0" });
    const invite = document.body.appendChild(document.createElement("button"));
    invite.textContent = "Invite";
    invite.focus();
    pi.openShareDialog("Shop on Pi", "Come shop with me: http://localhost:3000");

    const dialog = screen.getByRole("dialog", { name: "Share" });
    expect(within(dialog).getByText("Shop on Pi")).toBeTruthy();
    expect(within(dialog).getByText("Come shop with me: http://localhost:3000")).toBeTruthy();
    const done = within(dialog).getByRole("button", { name: "Done" });
    expect(document.activeElement).toBe(done);
    fireEvent.keyDown(done, { key: "Tab" });
    expect(document.activeElement).toBe(done);
    fireEvent.keyDown(done, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(done);
    fireEvent.keyDown(document.body, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(invite);
    await waitFor(async () => expect(await shares()).toEqual([{ app: window.location.origin, title: "Shop on Pi", message: "Come shop with me: http://localhost:3000" }]));
  });

  it("closes on Done, and refuses calls before init or without strings", async () => {
    const pi = await loadSdk();
    expect(() => pi.openShareDialog("t", "m")).toThrow(/Pi\.init/);
    await pi.init({ version: "2.0" });
    expect(() => pi.openShareDialog("t", 42)).toThrow(/strings/);
    pi.openShareDialog("t", "m");
    within(screen.getByRole("dialog", { name: "Share" })).getByRole("button", { name: "Done" }).click();
    expect(screen.queryByRole("dialog")).toBeNull();
    await waitFor(async () => expect(await shares()).toHaveLength(1));
  });
});
