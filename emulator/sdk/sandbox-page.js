// @ts-check
/* global window, document, localStorage, fetch, console, URL, HTMLButtonElement, HTMLIFrameElement, HTMLSelectElement */
/**
 * Script of the emulator's sandbox page (GET /sandbox, served at GET /sandbox-page.js). The page plays
 * Pi Browser around the framed app: it knows which test Pioneer is signed in, keeping the uid in its own
 * localStorage (top level, on the emulator's origin, so the frame's storage rules never matter), shows
 * that Pioneer in the header, and answers the SDK in the app frame:
 *   {type: "pi-emulator:get-pioneer", id}  ->  {type: "pi-emulator:pioneer", id, uid: string | null}
 *   {type: "pi-emulator:set-pioneer", uid}     the Pioneer chose this Pioneer in the consent sheet
 * Messages count only from the app frame's window at the origin the page framed, and answers go to that origin.
 */
(function () {
  "use strict";

  const STORAGE_KEY = "pi-emulator:host-uid";
  /** Fallback when localStorage is blocked. @type {string | null} */
  let memoryUid = null;

  /** @template {typeof HTMLElement} T @param {string} id @param {T} type @returns {InstanceType<T>} */
  function byId(id, type) {
    const node = document.getElementById(id);
    if (!(node instanceof type)) throw new Error(`The sandbox page lacks #${id}.`);
    return /** @type {InstanceType<T>} */ (node);
  }

  const picker = byId("pi-emu-pioneer", HTMLSelectElement);
  const signOut = byId("pi-emu-sign-out", HTMLButtonElement);

  /** The frame comes after this script in the page, so look it up when needed. */
  function appFrame() {
    const frame = document.querySelector('iframe[title="App"]');
    return frame instanceof HTMLIFrameElement ? frame : null;
  }

  /** @param {unknown} value @returns {value is Record<string, unknown>} */
  const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);

  function readUid() {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return memoryUid;
    }
  }

  /** @param {string | null} uid */
  function storeUid(uid) {
    memoryUid = uid;
    try {
      if (uid === null) localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, uid);
    } catch {
      // Storage blocked: the in-memory copy lasts until reload.
    }
  }

  /** @returns {Promise<{ uid: string, username: string }[]>} */
  async function loadPioneers() {
    const response = await fetch(new URL("/wallet/pioneers", window.location.href), { cache: "no-store" });
    const data = /** @type {unknown} */ (await response.json());
    const listed = isObject(data) && Array.isArray(data.pioneers) ? data.pioneers.filter(isObject) : [];
    return listed.flatMap((p) => (typeof p.uid === "string" && typeof p.username === "string" ? [{ uid: p.uid, username: p.username }] : []));
  }

  /** @param {string} value @param {string} label */
  function option(value, label) {
    const node = document.createElement("option");
    node.value = value;
    node.textContent = label;
    return node;
  }

  /** Redraws the header, forgetting a Pioneer the emulator no longer has (it was reset). */
  async function refresh() {
    const pioneers = await loadPioneers();
    const uid = readUid();
    if (uid !== null && !pioneers.some((p) => p.uid === uid)) storeUid(null);
    picker.replaceChildren(option("", "Signed out"), ...pioneers.map((p) => option(p.uid, p.username)));
    showSignedIn(readUid());
  }

  /** @param {string | null} uid */
  function showSignedIn(uid) {
    picker.value = uid ?? "";
    signOut.disabled = uid === null;
  }

  const logFailure = (/** @type {unknown} */ e) => console.error("[Pi emulator] The sandbox page cannot list the Pioneers:", e);

  /** Another Pioneer (or none) uses Pi Browser now: the app restarts, as Pi Browser restarts it. @param {string | null} uid */
  function switchPioneer(uid) {
    storeUid(uid);
    showSignedIn(uid);
    const frame = appFrame();
    // Setting the attribute, even to the same URL, navigates the frame again.
    if (frame) frame.setAttribute("src", frame.getAttribute("src") ?? "");
  }

  /** @param {MessageEvent} event */
  function onMessage(event) {
    const frame = appFrame();
    if (!frame?.contentWindow || event.source !== frame.contentWindow || event.origin !== new URL(frame.src).origin) return;
    const data = /** @type {unknown} */ (event.data);
    if (!isObject(data)) return;
    if (data.type === "pi-emulator:get-pioneer" && typeof data.id === "number") {
      frame.contentWindow.postMessage({ type: "pi-emulator:pioneer", id: data.id, uid: readUid() }, event.origin);
    } else if (data.type === "pi-emulator:set-pioneer" && typeof data.uid === "string") {
      storeUid(data.uid);
      refresh().catch(logFailure);
    }
  }

  window.addEventListener("message", onMessage);
  picker.addEventListener("change", () => switchPioneer(picker.value || null));
  signOut.addEventListener("click", () => switchPioneer(null));
  refresh().catch(logFailure);
})();
