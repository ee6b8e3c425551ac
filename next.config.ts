import type { NextConfig } from "next";
import { publicEnv } from "./lib/env";
import { securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // A separate build directory lets the end-to-end build (pointed at the emulator) sit beside yours.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite"],
  outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**"] },
  poweredByHeader: false,
  headers() {
    return Promise.resolve([{ source: "/:path*", headers: securityHeaders(publicEnv.NEXT_PUBLIC_PI_SDK_URL) }]);
  },
};

export default nextConfig;
