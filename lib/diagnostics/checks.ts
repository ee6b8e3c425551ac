import type { StartupProblem } from "@/lib/config/server";
import type { Check } from "@/lib/contract";

/**
 * The diagnostics page's checks, as plain functions of what was read: each says what is wrong and
 * how to fix it, in the words of docs/DEPLOY.md and docs/TROUBLESHOOTING.md.
 */

/** Start-up refusals: errors in production; in development, what production would refuse. */
export function configurationCheck(problems: StartupProblem[], production: boolean): Check {
  if (problems.length === 0) return { id: "configuration", label: "Configuration", status: "ok", detail: "Production would start with this configuration." };
  return {
    id: "configuration",
    label: "Configuration",
    status: production ? "error" : "warn",
    detail: `${production ? "Production refuses" : "In production this would be refused"}: ${problems.map((p) => p.setting).join(", ")}.`,
    fix: problems.map((p) => p.message).join(" "),
  };
}

export function networkCheck(network: string, sandbox: boolean): Check {
  if (sandbox && network === "Pi Network") {
    return { id: "network", label: "Network and Sandbox", status: "error", detail: `PI_NETWORK is "Pi Network" with NEXT_PUBLIC_PI_SANDBOX=true.`, fix: "The Pi Sandbox is Testnet only: set NEXT_PUBLIC_PI_SANDBOX=false (and rebuild) for Mainnet." };
  }
  return { id: "network", label: "Network and Sandbox", status: "info", detail: `PI_NETWORK="${network}", NEXT_PUBLIC_PI_SANDBOX=${String(sandbox)}${sandbox ? " (the app expects the Pi Sandbox)" : " (the app expects Pi Browser)"}.` };
}

export type SignInLimit = { onVercel: boolean; trustProxy: boolean; perMinute: number; sharedPerMinute: number };

/** Where the sign-in limit gets the client's address (lib/limits/client-address.ts), and what it costs without one. */
export function signInLimitCheck({ onVercel, trustProxy, perMinute, sharedPerMinute }: SignInLimit, production: boolean): Check {
  const label = "Sign-in limit";
  if (perMinute <= 0) return { id: "sign-in-limit", label, status: "info", detail: "RATE_LIMIT_SIGNIN_PER_MINUTE=0: the sign-in limit is off." };
  if (onVercel) return { id: "sign-in-limit", label, status: "ok", detail: `${perMinute} sign-ins a minute per client address, from Vercel's X-Real-IP.` };
  if (trustProxy) return { id: "sign-in-limit", label, status: "ok", detail: `${perMinute} sign-ins a minute per client address, from the last X-Forwarded-For hop (TRUST_PROXY=true: your proxy must set it).` };
  return {
    id: "sign-in-limit",
    label,
    status: production ? "warn" : "info",
    detail: `No trustworthy client address: every sign-in shares one counter of ${sharedPerMinute} a minute, which one client can use up for everyone.`,
    fix: "Behind your own reverse proxy, set TRUST_PROXY=true. On Vercel nothing is needed.",
  };
}

export type KeyProbe = { accepted: true } | { accepted: false; reason: "refused" | "unreachable"; status: number };

export function serverKeyCheck(probe: KeyProbe): Check {
  if (probe.accepted) return { id: "server-key", label: "Server API key", status: "ok", detail: "Pi accepts PI_API_KEY." };
  if (probe.reason === "refused") {
    return { id: "server-key", label: "Server API key", status: "error", detail: `Pi refused PI_API_KEY (HTTP ${probe.status}).`, fix: "Copy the Server API Key of this app again from the Developer Portal into PI_API_KEY, and redeploy." };
  }
  return { id: "server-key", label: "Server API key", status: "warn", detail: "Pi's API could not be reached to check the key.", fix: "Check PI_API_BASE_URL and this server's outbound network; try again in a moment." };
}

/** `keyNetwork`: the `network` field of a payment Pi showed us with the key, or null when there is none yet. */
export function keyNetworkCheck(configured: string, keyNetwork: string | null): Check {
  if (keyNetwork === null) {
    return { id: "key-network", label: "Network of the key's app", status: "info", detail: "No payment yet to tell which network the key's app is on.", fix: "Make one test payment; this line then compares its network with PI_NETWORK." };
  }
  if (keyNetwork !== configured) {
    return {
      id: "key-network",
      label: "Network of the key's app",
      status: "error",
      detail: `The key's app takes payments on "${keyNetwork}", but PI_NETWORK is "${configured}": every payment will be refused as wrong_network.`,
      fix: `Set PI_NETWORK="${keyNetwork}", or use the key of your ${configured === "Pi Network" ? "Mainnet" : "Testnet"} app.`,
    };
  }
  return { id: "key-network", label: "Network of the key's app", status: "ok", detail: `The key's app is on "${keyNetwork}", as configured.` };
}

export function validationKeyCheck(key: string | undefined): Check {
  if (!key) {
    return { id: "validation-key", label: "Domain validation key", status: "warn", detail: "PI_VALIDATION_KEY is not set: /validation-key.txt answers 404.", fix: 'In the Developer Portal, open "Validate Domain Ownership", copy the key into PI_VALIDATION_KEY, redeploy, then press "Verify Domain".' };
  }
  return { id: "validation-key", label: "Domain validation key", status: "ok", detail: `/validation-key.txt serves a ${key.length}-character key (${key.slice(0, 4)}…).` };
}

export function databaseCheck(engine: "postgres" | "pglite", applied: number, inRepository: number, production: boolean): Check {
  const migrations = `${applied} of ${inRepository} migrations applied`;
  if (applied < inRepository) return { id: "database", label: "Database", status: "error", detail: `${engine}: ${migrations}.`, fix: "Run `npm run db:migrate` with this DATABASE_URL, or restart the server (it migrates at first use)." };
  if (engine === "pglite" && production) {
    return { id: "database", label: "Database", status: "warn", detail: `Embedded PGlite in production (${migrations}).`, fix: "Fine for one server on a persistent disk; for anything else set DATABASE_URL to a hosted PostgreSQL." };
  }
  return { id: "database", label: "Database", status: "ok", detail: `${engine === "postgres" ? "PostgreSQL" : "Embedded PGlite"}, ${migrations}.` };
}

export type LastRun = { trigger: string; finishedAt: Date; counts: Record<string, number> } | null;

const dayMs = 24 * 60 * 60 * 1000;

export function reconcilerCheck(last: LastRun, cronConfigured: boolean, now: Date): Check {
  const label = "Reconciler";
  if (!cronConfigured) {
    return { id: "reconciler", label, status: "warn", detail: "CRON_SECRET is not set: the scheduled reconciler cannot run.", fix: "Set CRON_SECRET (openssl rand -base64 48); vercel.json schedules GET /api/cron/reconcile, elsewhere have cron call that route with Authorization: Bearer $CRON_SECRET, or run `npm run reconcile` when DATABASE_URL is set." };
  }
  if (!last) return { id: "reconciler", label, status: "warn", detail: "The reconciler has not run yet.", fix: "Wait for the schedule, or press “Run the reconciler now”." };
  const counts = Object.entries(last.counts)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
  const detail = `Last run ${last.finishedAt.toISOString()} (${last.trigger}): ${counts || "nothing to do"}.`;
  if (now.getTime() - last.finishedAt.getTime() > dayMs + 60 * 60 * 1000) return { id: "reconciler", label, status: "warn", detail, fix: "No run in over a day: check the cron schedule and CRON_SECRET." };
  return { id: "reconciler", label, status: (last.counts.failed ?? 0) > 0 ? "warn" : "ok", detail };
}
