import { z } from "zod";
import { blankAsMissing, booleanFlag, httpUrl, parse } from "./parse";

/**
 * The public part of the configuration: nothing here is a secret, so next.config.ts, proxy.ts and
 * pages may import it. Secrets live in ./server.ts, which only server code can import.
 */

export const piNetworks = ["Pi Testnet", "Pi Network"] as const;
export type PiNetwork = (typeof piNetworks)[number];

export function isLoopbackUrl(url: string) {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || host === "0.0.0.0" || /^127\./.test(host);
}

/**
 * Public values. Next inlines only literal `process.env.NEXT_PUBLIC_*` reads, so each is read by name.
 * The sandbox flag is explicit: it is never guessed from NODE_ENV, which `next build` fixes to production.
 */
export const publicEnv = parse(
  {
    NEXT_PUBLIC_PI_SANDBOX: booleanFlag,
    NEXT_PUBLIC_PI_SDK_URL: z.preprocess(blankAsMissing, httpUrl.default("https://sdk.minepi.com/pi-sdk.js")),
    // Pi's listing rules refuse a name that starts with "Pi": the default is neutral.
    NEXT_PUBLIC_APP_NAME: z.preprocess(blankAsMissing, z.string().trim().min(1).max(40).default("Corner Shop")),
    // Pi Sign-in (browsers other than Pi Browser): unset client id, and the app there says "open in Pi Browser".
    NEXT_PUBLIC_PI_OAUTH_CLIENT_ID: z.preprocess(blankAsMissing, z.string().trim().min(1).max(200).optional()),
    NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL: z.preprocess(blankAsMissing, httpUrl.default("https://accounts.pinet.com/oauth/authorize")),
  },
  {
    NEXT_PUBLIC_PI_SANDBOX: process.env.NEXT_PUBLIC_PI_SANDBOX,
    NEXT_PUBLIC_PI_SDK_URL: process.env.NEXT_PUBLIC_PI_SDK_URL,
    NEXT_PUBLIC_APP_NAME: process.env.NEXT_PUBLIC_APP_NAME,
    NEXT_PUBLIC_PI_OAUTH_CLIENT_ID: process.env.NEXT_PUBLIC_PI_OAUTH_CLIENT_ID,
    NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL: process.env.NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL,
  },
);
