// What each Pioneer granted each app, remembered by "Pi" (the emulator), not by the app's frame.
import { z } from "zod";
import type { PiScope } from "./config";
import type { Pioneer } from "./store";

function isWebOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value;
  } catch {
    return false;
  }
}

/** The app as the SDK names it: `window.location.origin`. Validated for shape only; nothing trusts it. */
export const appOriginSchema = z.string().refine(isWebOrigin, "app must be a web origin such as http://localhost:3000");

export interface Consent {
  app: string;
  pioneer: Pioneer;
  scopes: PiScope[];
  grantedAt: number;
}

export interface ConsentFilter {
  app?: string;
  uid?: string;
}

const keyOf = (app: string, uid: string) => `${app} ${uid}`;
const matches = (c: Consent, filter: ConsentFilter) =>
  (filter.app === undefined || c.app === filter.app) && (filter.uid === undefined || c.pioneer.uid === filter.uid);

export class ConsentRegistry {
  private readonly consents = new Map<string, Consent>();

  /** Adds scopes to what the Pioneer already granted the app, as a second consent would. */
  grant(app: string, pioneer: Pioneer, scopes: PiScope[], now: number): Consent {
    const previous = this.consents.get(keyOf(app, pioneer.uid))?.scopes ?? [];
    const consent: Consent = { app, pioneer, scopes: [...new Set([...previous, ...scopes])], grantedAt: now };
    this.consents.set(keyOf(app, pioneer.uid), consent);
    return consent;
  }

  /** Whether the Pioneer already granted the app every one of these scopes. */
  covers(app: string, uid: string, scopes: PiScope[]): boolean {
    const granted = this.consents.get(keyOf(app, uid))?.scopes ?? null;
    return granted !== null && scopes.every((s) => granted.includes(s));
  }

  list(): Consent[] {
    return [...this.consents.values()];
  }

  /** Revokes the consents matching the filter (all of them when it is empty); returns how many. */
  revoke(filter: ConsentFilter): number {
    const revoked = this.list().filter((c) => matches(c, filter));
    for (const c of revoked) this.consents.delete(keyOf(c.app, c.pioneer.uid));
    return revoked.length;
  }

  clear(): void {
    this.consents.clear();
  }
}
