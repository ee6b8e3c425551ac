import "server-only";
import type { Locale } from "../locales";
import { ar } from "./ar";
import { en, type Messages } from "./en";
import { ko } from "./ko";
import { vi } from "./vi";

export type { Messages } from "./en";

/**
 * Every language's messages, for the server only: a page sends the browser its Pioneer's one
 * language (as props), so adding a language adds nothing to the JavaScript every page loads.
 */
export const catalogs: Record<Locale, Messages> = { en, ar, vi, ko };
