// What "Pi" knows for Pi Sign-in (pi-platform.md §1): the OAuth clients and their exact redirect URIs,
// the consent requests awaiting the Pioneer's answer, errors a test forced, and every answer given.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { SignInScope } from "./config";

/** The errors Pi documents in the redirect fragment. */
export const SIGN_IN_ERRORS = ["access_denied", "expired", "cancelled", "server_error"] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];

export const oauthClientIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/, "client id: 1-200 letters, digits, '.', '_' or '-'");

/** Printable ASCII only: the URI goes into a Location header, where CR/LF would split the response. */
const PRINTABLE_URI = /^[\x21-\x7e]{1,2000}$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An absolute http(s) URL without a fragment (RFC 6749 §3.1.2) or credentials, or undefined. */
export function parseRedirectUri(raw: string): URL | undefined {
  if (!PRINTABLE_URI.test(raw) || raw.includes("#")) return undefined;
  try {
    const url = new URL(raw);
    const web = url.protocol === "http:" || url.protocol === "https:";
    return web && url.username === "" && url.password === "" ? url : undefined;
  } catch {
    return undefined;
  }
}

export const redirectUriSchema = z.string().refine((raw) => parseRedirectUri(raw) !== undefined, "uri must be an absolute http(s) URL without a fragment");

/** Pi always allows http loopback origins, on any port and path, so local development needs no registration. */
export function isLoopbackRedirect(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

export interface PendingSignIn {
  id: string;
  clientId: string;
  redirectUri: string;
  scopes: SignInScope[];
  state: string | undefined;
  openedAt: number;
}

export interface SignInAnswer {
  clientId: string;
  redirectUri: string;
  scopes: SignInScope[];
  state: string | null;
  result: "granted" | SignInError;
  username: string | null;
  at: string;
}

/** Enough for any test run; the oldest unanswered request is dropped beyond this. */
const MAX_PENDING = 500;

export class OAuthRegistry {
  readonly answers: SignInAnswer[] = [];
  private readonly clients = new Map<string, Set<string>>();
  private readonly pending = new Map<string, PendingSignIn>();
  private forced: { error: SignInError; remaining: number }[] = [];

  constructor(private readonly defaultClientId: string) {
    this.reset();
  }

  /** Back to the default client with no registered URIs, as a freshly enabled Pi Sign-in. */
  reset(): void {
    this.clients.clear();
    this.clients.set(this.defaultClientId, new Set());
    this.pending.clear();
    this.forced = [];
    this.answers.length = 0;
  }

  isKnownClient(clientId: string): boolean {
    return this.clients.has(clientId);
  }

  /** Exact string match against the client's URIs, no normalization, as Pi's portal requires. */
  allowsRedirect(clientId: string, raw: string): boolean {
    const url = parseRedirectUri(raw);
    if (!url || !this.isKnownClient(clientId)) return false;
    return isLoopbackRedirect(url) || (this.clients.get(clientId)?.has(raw) ?? false);
  }

  /** Registers a redirect URI; an unknown client id becomes a known client. */
  register(clientId: string, uri: string): void {
    const uris = this.clients.get(clientId) ?? new Set<string>();
    uris.add(uri);
    this.clients.set(clientId, uris);
  }

  listClients(): { clientId: string; redirectUris: string[] }[] {
    return [...this.clients].map(([clientId, uris]) => ({ clientId, redirectUris: [...uris] }));
  }

  force(error: SignInError, times: number): void {
    this.forced.push({ error, remaining: times });
  }

  listForced(): { error: SignInError; remaining: number }[] {
    return this.forced.map((f) => ({ ...f }));
  }

  /** Uses up one application of the oldest forced error, if any. */
  takeForcedError(): SignInError | undefined {
    const first = this.forced[0];
    if (!first) return undefined;
    first.remaining -= 1;
    if (first.remaining <= 0) this.forced.shift();
    return first.error;
  }

  open(request: Omit<PendingSignIn, "id">): PendingSignIn {
    const oldest = this.pending.keys().next();
    if (this.pending.size >= MAX_PENDING && !oldest.done) this.pending.delete(oldest.value);
    // Unguessable, so another page cannot answer a consent it did not open.
    const pending: PendingSignIn = { ...request, id: randomBytes(16).toString("base64url") };
    this.pending.set(pending.id, pending);
    return pending;
  }

  peek(id: string): PendingSignIn | undefined {
    return this.pending.get(id);
  }

  /** A request is answered once: a resubmitted form finds nothing. */
  close(id: string): void {
    this.pending.delete(id);
  }
}
