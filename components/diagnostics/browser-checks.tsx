"use client";

import { useEffect, useState } from "react";
import { StatusPill } from "@/components/ui";
import { detectHost } from "@/lib/pi/detect-host";
import type { Host } from "@/lib/pi/host";
import { isFramed, loadedPi } from "@/lib/pi/sdk";
import { piSdkConfig } from "@/lib/pi/sdk-config";

type Seen = { sdk: boolean; host: Host | null; framed: boolean; used: boolean } | null;

const hostText: Record<Host, string> = {
  "pi-browser": "Pi Browser: Pi answered, so sign-in and payments can work here.",
  sandbox: "The Pi Sandbox: Pi answered, so sign-in and payments can work here.",
  browser: "An ordinary browser: Pioneers sign in with Pi Sign-in here, and pay in Pi Browser.",
};

/** What only the browser knows: whether Pi's SDK loaded, and which host the app decided it runs in (lib/pi/detect-host.ts). */
export function BrowserChecks({ sandbox }: { sandbox: boolean }) {
  const [seen, setSeen] = useState<Seen>(null);
  useEffect(() => {
    const framed = isFramed();
    // The page loads Pi's script everywhere, but outside a frame Pi's real SDK is never asked anything (detect-host.ts).
    const used = framed || !piSdkConfig.requiresFrame;
    void Promise.all([
      loadedPi().then(
        () => true,
        () => false,
      ),
      detectHost().catch(() => null),
    ]).then(([sdk, host]) => setSeen({ sdk, host, framed, used }));
  }, []);

  if (!seen) return <p className="muted">Checking Pi&apos;s SDK in this browser…</p>;
  const inPi = seen.host === "pi-browser" || seen.host === "sandbox";
  return (
    <ul className="plain-list">
      <li className="order" data-testid="check-sdk">
        <div className="order-line">
          <strong>Pi SDK</strong>
          <StatusPill tone={seen.sdk ? "ok" : "bad"}>{seen.sdk ? "OK" : "Error"}</StatusPill>
        </div>
        <p className="order-detail">
          {!seen.sdk
            ? "Did not load: check NEXT_PUBLIC_PI_SDK_URL and the connection, then reload."
            : seen.used
              ? "Loaded."
              : "Loaded, and not used here: outside a Pi frame it could never answer. Open the app in the Pi Sandbox or Pi Browser to see it answer."}
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
