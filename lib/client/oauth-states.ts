/**
 * The `state` values this browser handed to Pi Sign-in. Kept in localStorage, which every tab of
 * the site shares, so a Pioneer who comes back in another tab is still recognised (sessionStorage
 * is per tab and gives false "state mismatch" errors). Each state is used once and expires.
 */
export type StateEntry = { expiresAt: number; returnTo: string; usedAt?: number };
export type StateBook = Record<string, StateEntry>;

export const stateLifetimeMs = 10 * 60_000;
// A used state is remembered a little longer, so opening the same callback again says "already used".
const usedMemoryMs = 60 * 60_000;
const maxEntries = 20;

export type StateVerdict = { ok: true; returnTo: string } | { ok: false; reason: "state_mismatch" | "reused" | "expired" };

/** Drops what no callback can need any more, keeping the newest few. */
export function prune(book: StateBook, now: number): StateBook {
  const kept = Object.entries(book)
    .filter(([, entry]) => (entry.usedAt === undefined ? entry.expiresAt > now : entry.usedAt + usedMemoryMs > now))
    .sort(([, a], [, b]) => b.expiresAt - a.expiresAt)
    .slice(0, maxEntries);
  return Object.fromEntries(kept);
}

export function issue(book: StateBook, state: string, returnTo: string, now: number): StateBook {
  return { ...prune(book, now), [state]: { expiresAt: now + stateLifetimeMs, returnTo } };
}

/** Checks a returned state and marks it used, whatever the verdict: a state never counts twice. */
export function consume(book: StateBook, state: string | null, now: number): { verdict: StateVerdict; book: StateBook } {
  // Own entries only: a plain object also answers "constructor" or "__proto__", which this browser never issued.
  const entry = state !== null && Object.hasOwn(book, state) ? book[state] : undefined;
  if (state === null || !entry) return { verdict: { ok: false, reason: "state_mismatch" }, book };
  const marked = { ...book, [state]: { ...entry, usedAt: entry.usedAt ?? now } };
  if (entry.usedAt !== undefined) return { verdict: { ok: false, reason: "reused" }, book: marked };
  if (entry.expiresAt <= now) return { verdict: { ok: false, reason: "expired" }, book: marked };
  return { verdict: { ok: true, returnTo: entry.returnTo }, book: marked };
}

const storageKey = "pi-app:sign-in-states";

const isEntry = (value: unknown): value is StateEntry =>
  typeof value === "object" && value !== null && typeof (value as StateEntry).expiresAt === "number" && typeof (value as StateEntry).returnTo === "string";

/** The book as stored; anything unreadable counts as empty. Throws only if storage itself is blocked. */
export function readBook(): StateBook {
  const raw = window.localStorage.getItem(storageKey);
  try {
    const parsed: unknown = JSON.parse(raw ?? "{}");
    if (typeof parsed !== "object" || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter((pair): pair is [string, StateEntry] => isEntry(pair[1])));
  } catch {
    return {};
  }
}

export function writeBook(book: StateBook) {
  window.localStorage.setItem(storageKey, JSON.stringify(book));
}
