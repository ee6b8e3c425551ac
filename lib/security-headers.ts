import { isLoopbackUrl } from "./env";

/**
 * Who may frame the app: Pi Browser frames apps from app-cdn.minepi.com and the Pi Sandbox from
 * sandbox.minepi.com; when the SDK comes from the local emulator, its sandbox page may too.
 * Nobody else, so another site cannot overlay the app and trick a Pioneer into paying.
 */
export function frameAncestors(sdkUrl: string): string {
  const origins = ["'self'", "https://app-cdn.minepi.com", "https://sandbox.minepi.com"];
  if (isLoopbackUrl(sdkUrl)) origins.push(new URL(sdkUrl).origin);
  return `frame-ancestors ${origins.join(" ")}`;
}

/** Headers on every response (next.config.ts). */
export function securityHeaders(sdkUrl: string) {
  return [
    { key: "Content-Security-Policy", value: frameAncestors(sdkUrl) },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  ];
}
