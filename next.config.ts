import type { NextConfig } from "next";
import { isLoopbackUrl, publicEnv } from "./lib/env";

// Pi Browser frames apps from app-cdn.minepi.com and the Pi Sandbox from sandbox.minepi.com;
// the local emulator's sandbox page frames the app when the SDK comes from it.
const sdkUrl = publicEnv.NEXT_PUBLIC_PI_SDK_URL;
const frameAncestors = ["'self'", "https://app-cdn.minepi.com", "https://sandbox.minepi.com"];
if (isLoopbackUrl(sdkUrl)) frameAncestors.push(new URL(sdkUrl).origin);

const nextConfig: NextConfig = {
  // A separate build directory lets the end-to-end build (pointed at the emulator) sit beside yours.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite"],
  outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**"] },
  poweredByHeader: false,
  headers() {
    return Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: `frame-ancestors ${frameAncestors.join(" ")}` },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ]);
  },
};

export default nextConfig;
