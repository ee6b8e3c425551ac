"use client";

import type { ReactNode } from "react";
import { SessionProvider, type SessionCookie } from "@/components/session";

/** Everything every page shares, mounted once: any page may call useSession(). */
export function Providers({ children, cookie }: { children: ReactNode; cookie: SessionCookie }) {
  return <SessionProvider cookie={cookie}>{children}</SessionProvider>;
}
