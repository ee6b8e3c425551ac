/**
 * The Vercel "Deploy" link (https://vercel.com/docs/deploy-button): what a one-click deployment
 * asks for. No value travels in the URL; Vercel asks the person deploying for each one.
 */

/** The variables a production deployment refuses to start without (DATABASE_URL comes from Neon). */
export const requiredOnVercel = ["PI_API_KEY", "SESSION_SECRET", "CRON_SECRET", "PI_NETWORK", "NEXT_PUBLIC_PI_SANDBOX"] as const;

const defaults = { PI_NETWORK: "Pi Testnet", NEXT_PUBLIC_PI_SANDBOX: "true" };

const description =
  "PI_API_KEY: your app's Server API Key (Pi Developer Portal). SESSION_SECRET and CRON_SECRET: run `openssl rand -base64 48` for each. " +
  'PI_NETWORK: "Pi Testnet" for a Testnet app, "Pi Network" for Mainnet. NEXT_PUBLIC_PI_SANDBOX: "true" to test in the Pi Sandbox, "false" for Pi Browser.';

/** Vercel's Neon integration: creates a database in the project and sets DATABASE_URL. */
const neon = [{ type: "integration", protocol: "storage", productSlug: "neon", integrationSlug: "neon" }];

export function deployButtonUrl(repository: string, docsUrl = `${repository.replace(/\/+$/, "")}/blob/main/docs/DEPLOY.md`): string {
  const params = new URLSearchParams({
    "repository-url": repository,
    "project-name": "corner-shop",
    env: requiredOnVercel.join(","),
    envDescription: description,
    envLink: docsUrl,
    envDefaults: JSON.stringify(defaults),
    products: JSON.stringify(neon),
  });
  return `https://vercel.com/new/clone?${params.toString()}`;
}
