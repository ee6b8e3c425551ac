"use client";

import Script from "next/script";
import { detectHost } from "@/lib/pi/host";
import { configurePiSdk, markPiSdkScript } from "@/lib/pi/sdk";

type Props = { src: string; nonce: string | undefined; sandbox: boolean; requiresFrame: boolean };

function onReady() {
  markPiSdkScript("loaded");
  // Pi's docs ask for init as soon as the script is there; the host check calls it (once) where it can answer.
  detectHost().catch(() => undefined);
}

/** Loads Pi's SDK (or the emulator's) once for the whole app, after the page is interactive. */
export function PiSdkScript({ src, nonce, sandbox, requiresFrame }: Props) {
  configurePiSdk({ sandbox, requiresFrame });
  return <Script src={src} nonce={nonce} strategy="afterInteractive" onReady={onReady} onError={() => markPiSdkScript("failed")} />;
}
