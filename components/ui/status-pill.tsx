import type { ReactNode } from "react";

export type Tone = "ok" | "bad" | "pending" | "neutral";

/** A short state label; the tone carries meaning by colour, so the text must say it too. */
export function StatusPill({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`pill pill-${tone}`}>{children}</span>;
}
