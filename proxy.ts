import { NextResponse, type NextRequest } from "next/server";
import { publicEnv } from "@/lib/config/public";
import { contentSecurityPolicy } from "@/lib/security-headers";

/**
 * A fresh nonce for every request. Next reads it from the request's Content-Security-Policy header
 * and puts it on its own scripts. The header is overwritten, so a client cannot choose the nonce.
 * (Pi's SDK needs none: the layout inserts it from an origin script-src lists.)
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy({ sdkUrl: publicEnv.NEXT_PUBLIC_PI_SDK_URL, nonce, dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Built assets and API answers are not documents: they need no nonce. API answers get a fixed
  // policy from next.config.ts instead, which costs nothing per request (the proxy does).
  matcher: ["/((?!api/|_next/static|_next/image|favicon.ico).*)"],
};
