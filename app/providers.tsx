"use client";

import type { ReactNode } from "react";
import { SessionProvider } from "@/components/session";

/** Everything every page shares, mounted once: any page may call useSession(). */
export function Providers({ children }: { children: ReactNode }) {
  return <SessionProvider>{children}</SessionProvider>;
}
