import { isLoopbackUrl } from "./config/public";

// Pi's SDK fetches the Platform API (/v2/me, payment creation) from the app's own frame with the
// Pioneer's token; everything else it says to Pi Browser goes by postMessage, which CSP does not govern.
// Source: the de-minified SDK (pinetwork-js/sdk, RequestHandler); the host name is Pi's only documented API.
const piSdkApiOrigin = "https://api.minepi.com";

/** The local emulator's origin when the SDK comes from it, else null. */
function emulatorOrigin(sdkUrl: string): string | null {
  return isLoopbackUrl(sdkUrl) ? new URL(sdkUrl).origin : null;
}

/**
 * Who may frame the app: Pi Browser frames apps from app-cdn.minepi.com and the Pi Sandbox from
 * sandbox.minepi.com; when the SDK comes from the local emulator, its sandbox page may too.
 * Nobody else, not even the app itself, so another site cannot overlay the app and trick a Pioneer into paying.
 */
export function frameAncestors(sdkUrl: string): string {
  const origins = ["https://app-cdn.minepi.com", "https://sandbox.minepi.com"];
  const emulator = emulatorOrigin(sdkUrl);
  if (emulator) origins.push(emulator);
  return `frame-ancestors ${origins.join(" ")}`;
}

/**
 * The Content-Security-Policy of one response (proxy.ts). Scripts run only from our origin, from the
 * Pi SDK's, or inline with this response's nonce (Next's bootstrap). Styles may be inline: Next and
 * the emulator's SDK inject them. `dev`: React's development build needs eval.
 */
export function contentSecurityPolicy({ sdkUrl, nonce, dev }: { sdkUrl: string; nonce: string; dev: boolean }): string {
  const scriptSources = ["'self'", `'nonce-${nonce}'`, new URL(sdkUrl).origin, ...(dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scriptSources.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    `connect-src 'self' ${emulatorOrigin(sdkUrl) ?? piSdkApiOrigin}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    frameAncestors(sdkUrl),
  ].join("; ");
}

/**
 * The policy of API answers (JSON, never rendered as a page): nothing may load or frame them. Fixed,
 * so next.config.ts sets it and proxy.ts, with its per-request nonce, skips API routes.
 */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

// Powerful features the app does not use are off, for it and anything it frames; sharing and copying
// stay available to the app itself.
const deniedFeatures = [
  "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid", "idle-detection",
  "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
];
const permissionsPolicy = [...deniedFeatures.map((feature) => `${feature}=()`), "clipboard-write=(self)", "web-share=(self)"].join(", ");

/** Headers on every response, static files included (next.config.ts). HSTS only from a production build. */
export function securityHeaders({ production }: { production: boolean }) {
  return [
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: permissionsPolicy },
    ...(production ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
  ];
}
