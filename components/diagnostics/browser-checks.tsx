"use client";

import { useEffect, useState } from "react";
import { StatusPill } from "@/components/ui";
import { detectHost } from "@/lib/pi/detect-host";
import type { Host } from "@/lib/pi/host";
import { isFramed } from "@/lib/pi/sdk";
import { piSdkConfig } from "@/lib/pi/sdk-config";

type Seen = { sdk: boolean; host: Host | null; framed: boolean; needed: boolean } | null;

const hostText: Record<Host, string> = {
  "pi-browser": "Pi Browser: Pi answered, so sign-in and payments can work here.",
  sandbox: "The Pi Sandbox: Pi answered, so sign-in and payments can work here.",
  browser: "An ordinary browser: Pioneers sign in with Pi Sign-in here, and pay in Pi Browser.",
};

/** What only the browser knows: whether Pi's SDK loaded, and which host the app decided it runs in (lib/pi/detect-host.ts). */
export function BrowserChecks({ sandbox }: { sandbox: boolean }) {
  const [seen, setSeen] = useState<Seen>(null);
  useEffect(() => {
    // Pi's real SDK is not loaded outside a frame, where it could never answer (detect-host.ts).
    const needed = isFramed() || !piSdkConfig.requiresFrame;
    detectHost().then(
      (host) => setSeen({ sdk: true, host, framed: isFramed(), needed }),
      () => setSeen({ sdk: false, host: null, framed: isFramed(), needed }),
    );
  }, []);

  if (!seen) return <p className="muted">Checking Pi&apos;s SDK in this browser…</p>;
  const inPi = seen.host === "pi-browser" || seen.host === "sandbox";
  return (
    <ul className="plain-list">
      <li className="order" data-testid="check-sdk">
        <div className="order-line">
          <strong>Pi SDK</strong>
          {seen.needed ? <StatusPill tone={seen.sdk ? "ok" : "bad"}>{seen.sdk ? "OK" : "Error"}</StatusPill> : <StatusPill tone="neutral">Not needed</StatusPill>}
        </div>
        <p className="order-detail">
          {!seen.needed
            ? "Not loaded: outside a Pi frame it could never answer. Open the app in the Pi Sandbox or Pi Browser to check it."
            : seen.sdk
              ? "Loaded."
              : "Did not load: check NEXT_PUBLIC_PI_SDK_URL and the connection, then reload."}
        </p>
      </li>
      <li className="order" data-testid="check-host">
        <div className="order-line">
          <strong>Inside Pi Browser or the Sandbox</strong>
          <StatusPill tone={inPi ? "ok" : "neutral"}>{inPi ? "Yes" : "No"}</StatusPill>
        </div>
        <p className="order-detail">
          {seen.host ? hostText[seen.host] : "Unknown: the SDK did not load."} {seen.framed ? `Framed; the app was built for ${sandbox ? "the Pi Sandbox" : "Pi Browser"}.` : "Not framed."}
        </p>
      </li>
    </ul>
  );
}
