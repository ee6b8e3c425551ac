import { StatusPill, type Tone } from "@/components/ui";
import type { Check, CheckStatus } from "@/lib/contract";

const tones: Record<CheckStatus, Tone> = { ok: "ok", warn: "pending", error: "bad", info: "neutral" };
const words: Record<CheckStatus, string> = { ok: "OK", warn: "Check", error: "Error", info: "Info" };

/** One line per check: what it looked at, what it found, and the fix when something is wrong. */
export function CheckList({ checks }: { checks: readonly Check[] }) {
  return (
    <ul className="plain-list">
      {checks.map((check) => (
        <li key={check.id} className="order" data-testid={`check-${check.id}`} data-status={check.status}>
          <div className="order-line">
            <strong>{check.label}</strong>
            <StatusPill tone={tones[check.status]}>{words[check.status]}</StatusPill>
          </div>
          <p className="order-detail">{check.detail}</p>
          {check.fix ? <p className="order-detail">Fix: {check.fix}</p> : null}
        </li>
      ))}
    </ul>
  );
}
