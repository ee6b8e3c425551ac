import type { NextConfig } from "next";
import { apiContentSecurityPolicy, securityHeaders } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // A separate build directory lets the end-to-end build (pointed at the emulator) sit beside yours.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  serverExternalPackages: ["@electric-sql/pglite"],
  outputFileTracingIncludes: { "/**": ["./lib/db/migrations/**"] },
  poweredByHeader: false,
  // The stylesheet (about 3 KB gzipped) goes inside the HTML: no render-blocking request before the
  // first paint, which a phone on a slow network waits a round trip for. style-src allows inline styles.
  experimental: { inlineCss: true },
  // The Content-Security-Policy carries a per-request nonce, so proxy.ts sets it.
  headers() {
    return Promise.resolve([
      { source: "/:path*", headers: securityHeaders({ production: process.env.NODE_ENV === "production" }) },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }] },
    ]);
  },
};

export default nextConfig;
