import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { SiteFooter, SiteHeader } from "@/components/layout";
import { EmulatorBadge } from "@/components/pi/emulator-badge";
import { PiSdkScript } from "@/components/pi/pi-sdk-script";
import { SessionNotice, type SessionCookie } from "@/components/session";
import { isAdmin, pageViewer } from "@/lib/auth";
import { hasSignedOutMark, readSessionCookie } from "@/lib/auth/cookie";
import { isLoopbackUrl, publicEnv } from "@/lib/config/public";
import { directionOf } from "@/lib/i18n/locales";
import { clientMessages } from "@/lib/i18n/messages";
import { getI18n } from "@/lib/i18n/server";
import { site } from "@/lib/shop/site";
import { Providers } from "./providers";
import "./globals.css";
import "@/components/ui/ui.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getI18n();
  return { title: site.name, description: t("site.description") };
}

// Pi Browser is a phone: size to the device, and never disable zoom. The bar colour follows the theme.
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#1a1d23" },
  ],
};

// Reading the request's cookies renders every page per request, which Next's nonces (proxy.ts) require anyway.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const cookieHeader = (await headers()).get("cookie");
  const cookie: SessionCookie = readSessionCookie(cookieHeader) ? "session" : hasSignedOutMark(cookieHeader) ? "signed-out" : "none";
  // A live cookie's Pioneer is in the first paint, not "Checking your session…". Should the database
  // fail here, the page still renders and the browser asks the API, which reports it.
  const viewerUser = cookie === "session" ? await pageViewer().catch(() => null) : null;
  const viewer = viewerUser ? { user: viewerUser, admin: isAdmin(viewerUser.uid) } : null;
  const sdkUrl = publicEnv.NEXT_PUBLIC_PI_SDK_URL;
  const emulator = isLoopbackUrl(sdkUrl);
  const { locale, messages } = await getI18n();
  const piSignIn = { clientId: publicEnv.NEXT_PUBLIC_PI_OAUTH_CLIENT_ID ?? null, authorizeUrl: publicEnv.NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL };
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <body>
        {emulator ? <EmulatorBadge /> : null}
        <Providers locale={locale} messages={clientMessages(messages)} renderedAt={new Date().toISOString()} piSignIn={piSignIn} cookie={cookie} viewer={viewer}>
          <SiteHeader name={site.name} />
          <main className="page">
            <SessionNotice />
            {children}
          </main>
          <SiteFooter name={site.name} />
        </Providers>
        <PiSdkScript src={sdkUrl} sandbox={publicEnv.NEXT_PUBLIC_PI_SANDBOX} requiresFrame={!emulator} />
      </body>
    </html>
  );
}
