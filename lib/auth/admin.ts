import "server-only";
import { cookies } from "next/headers";
import { cache } from "react";
import { getSiteEnv } from "@/lib/config/server";
import { AppError, type Pioneer } from "@/lib/contract";
import { sessionCookieName } from "./cookie";
import { requireCaller } from "./request-auth";
import { getSessionUser } from "./session";

/** Admins are the Pioneers listed in ADMIN_UIDS; in development against the emulator, anyone (there is nothing real to see). */
export function isAdmin(uid: string | null): boolean {
  const site = getSiteEnv();
  return site.everyoneIsAdmin || (uid !== null && site.adminUids.includes(uid));
}

/**
 * The Pioneer a page request's cookie names (pages get no bearer token), or null. Looked up once
 * per request however many server components ask (the layout, then the page).
 */
export const pageViewer = cache(async (): Promise<Pioneer | null> => {
  const token = (await cookies()).get(sessionCookieName)?.value;
  return token ? getSessionUser(token) : null;
});

/** An admin caller of an API route; anyone else learns nothing, not even that the route exists (404). */
export async function requireAdmin(request: Request): Promise<Pioneer> {
  const caller = await requireCaller(request).catch(() => null);
  if (!caller || !isAdmin(caller.user.uid)) throw new AppError("not_found", "Not found.");
  return caller.user;
}
