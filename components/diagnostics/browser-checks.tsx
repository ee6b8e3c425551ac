"use client";

import { useEffect, useState } from "react";
import { StatusPill } from "@/components/ui";
import { isFramed, piSdkReady } from "@/lib/pi/sdk";

type Seen = { sdk: boolean; framed: boolean } | null;

/** What only the browser knows: whether Pi's SDK loaded and initialised, and whether a Pi host frames the app. */
export function BrowserChecks({ sandbox }: { sandbox: boolean }) {
  const [seen, setSeen] = useState<Seen>(null);
  useEffect(() => {
    void piSdkReady().then((sdk) => setSeen({ sdk, framed: isFramed() }));
  }, []);

  if (!seen) return <p className="muted">Checking Pi's SDK in this browser…</p>;
  return (
    <ul className="plain-list">
      <li className="order" data-testid="check-sdk">
        <div className="order-line">
          <strong>Pi SDK</strong>
          <StatusPill tone={seen.sdk ? "ok" : "bad"}>{seen.sdk ? "OK" : "Error"}</StatusPill>
        </div>
        <p className="order-detail">{seen.sdk ? "Loaded, and Pi.init answered." : "Did not load or Pi.init did not answer: open the app in Pi Browser, or in the Pi Sandbox on a computer."}</p>
      </li>
      <li className="order" data-testid="check-host">
        <div className="order-line">
          <strong>Inside Pi Browser or the Sandbox</strong>
          <StatusPill tone={seen.framed ? "ok" : "neutral"}>{seen.framed ? "Yes" : "No"}</StatusPill>
        </div>
        <p className="order-detail">
          {seen.framed ? `Framed by a Pi host; the app expects ${sandbox ? "the Pi Sandbox" : "Pi Browser"}.` : "Not framed: payments need Pi Browser (or the Sandbox)."}
        </p>
      </li>
    </ul>
  );
}
