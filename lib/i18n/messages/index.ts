import "server-only";
import type { Locale } from "../locales";
import { ar } from "./ar";
import { en, serverOnlyNamespaces, type ClientMessages, type Messages } from "./en";
import { ko } from "./ko";
import { vi } from "./vi";

export type { ClientMessages, Messages } from "./en";

/**
 * Every language's messages, for the server only: a page sends the browser its Pioneer's one
 * language (as props), so adding a language adds nothing to the JavaScript every page loads.
 */
export const catalogs: Record<Locale, Messages> = { en, ar, vi, ko };

const serverOnly = new Set<string>(serverOnlyNamespaces);

/** One language's messages as the browser gets them: without the texts only server components read. */
export function clientMessages(messages: Messages): ClientMessages {
  return Object.fromEntries(Object.entries(messages).filter(([namespace]) => !serverOnly.has(namespace))) as ClientMessages;
}
