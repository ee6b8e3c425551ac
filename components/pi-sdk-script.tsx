"use client";

import Script from "next/script";
import { configurePiSdk, markPiSdkScript } from "@/lib/pi/sdk";

type Props = { src: string; sandbox: boolean; requiresFrame: boolean };

/** Loads Pi's SDK (or the emulator's) once for the whole app, after the page is interactive. */
export function PiSdkScript({ src, sandbox, requiresFrame }: Props) {
  configurePiSdk({ sandbox, requiresFrame });
  return <Script src={src} strategy="afterInteractive" onReady={() => markPiSdkScript("loaded")} onError={() => markPiSdkScript("failed")} />;
}
