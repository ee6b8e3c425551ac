"use client";

import { useEffect } from "react";
import { configurePiSdk } from "@/lib/pi/sdk-config";

// The SDK wrapper loads with the script it waits for, not with the page.
const sdk = () => import("@/lib/pi/sdk");

type Props = { src: string; sandbox: boolean; requiresFrame: boolean };

let inserted = false;
// A phone's network drops a request now and then: a script that failed is asked for again, twice.
const retryDelaysMs = [5_000, 20_000];

function insertScript(src: string) {
  if (inserted) return;
  inserted = true;
  appendScript(src, 0);
}

function appendScript(src: string, failures: number) {
  const script = document.createElement("script");
  script.src = src;
  script.async = true;
  script.onload = () =>
    void Promise.all([sdk(), import("@/lib/pi/detect-host")]).then(([{ markPiSdkScript }, { detectHost }]) => {
      markPiSdkScript("loaded");
      // Pi's docs ask for init as soon as the script is there; the host check calls it (once) where it can answer.
      detectHost().catch(() => undefined);
    });
  script.onerror = () => {
    void sdk().then(({ markPiSdkScript }) => markPiSdkScript("failed"));
    script.remove();
    const delay = retryDelaysMs[failures];
    if (delay !== undefined) window.setTimeout(() => appendScript(src, failures + 1), delay);
  };
  document.body.append(script);
}

/**
 * Loads Pi's SDK (or the emulator's) once for the whole app, after the page's load event: fetched
 * earlier (next/script preloads even "afterInteractive"), its ~40 KB compete with the page's own
 * files on a phone's network and delay the first paint. Its origin is in script-src: no nonce.
 */
export function PiSdkScript({ src, sandbox, requiresFrame }: Props) {
  configurePiSdk({ sandbox, requiresFrame });
  useEffect(() => {
    const insert = () => insertScript(src);
    if (document.readyState === "complete") insert();
    else window.addEventListener("load", insert, { once: true });
    return () => window.removeEventListener("load", insert);
  }, [src]);
  return null;
}
