"use client";

import Script from "next/script";
import { configurePiSdk, getPi, markPiSdkScript } from "@/lib/pi/sdk";

type Props = { src: string; nonce: string | undefined; sandbox: boolean; requiresFrame: boolean };

function onReady() {
  markPiSdkScript("loaded");
  // Pi's docs ask for init as soon as the script is there; getPi() makes sure it runs only once.
  getPi().catch(() => undefined);
}

/** Loads Pi's SDK (or the emulator's) once for the whole app, after the page is interactive. */
export function PiSdkScript({ src, nonce, sandbox, requiresFrame }: Props) {
  configurePiSdk({ sandbox, requiresFrame });
  return <Script src={src} nonce={nonce} strategy="afterInteractive" onReady={onReady} onError={() => markPiSdkScript("failed")} />;
}
