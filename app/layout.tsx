import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { EmulatorBadge } from "@/components/emulator-badge";
import { PiSdkScript } from "@/components/pi-sdk-script";
import { isLoopbackUrl, publicEnv } from "@/lib/env";
import "./globals.css";

export const metadata: Metadata = {
  title: "Pi Starter",
  description: "Sign in with Pi and pay with Pi: a Next.js starter for Pi Network apps.",
};

// Pi Browser is a phone: size to the device, and never disable zoom.
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#5b2a86" };

export default function RootLayout({ children }: { children: ReactNode }) {
  const sdkUrl = publicEnv.NEXT_PUBLIC_PI_SDK_URL;
  const emulator = isLoopbackUrl(sdkUrl);
  return (
    <html lang="en">
      <body>
        {emulator ? <EmulatorBadge /> : null}
        {children}
        <PiSdkScript src={sdkUrl} sandbox={publicEnv.NEXT_PUBLIC_PI_SANDBOX} requiresFrame={!emulator} />
      </body>
    </html>
  );
}
