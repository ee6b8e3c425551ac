// Defaults shared by the in-process emulator (tests) and `npm run emulator`.

/** A fixed, public development key: the emulator never guards anything real. */
export const DEFAULT_EMULATOR_API_KEY = "emulator-dev-key-not-a-secret";
export const DEFAULT_EMULATOR_PORT = 3314;
export const DEFAULT_EMULATOR_HOST = "127.0.0.1";
/** Pi cancels a payment the app has not approved after about 60 s. */
export const DEFAULT_APPROVAL_EXPIRY_MS = 60_000;
/** Pi's SDK repeats onReadyForServerApproval/Completion about every 10 s. */
export const DEFAULT_CALLBACK_RETRY_MS = 10_000;
/** How long an access token from the emulator stays valid. */
export const ACCESS_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
/** A fixed, public Pi Sign-in client id: OAuth client ids are public, and the implicit flow has no secret. */
export const DEFAULT_OAUTH_CLIENT_ID = "emulator-oauth-client";
/** Pi Sign-in tokens are short-lived: the redirect says `expires_in=3600`. */
export const SIGN_IN_TOKEN_TTL_S = 3600;
/** How long the Pioneer may take on the consent page before the answer is `expired`. */
export const SIGN_IN_REQUEST_TTL_MS = 10 * 60 * 1000;

export const NETWORKS = ["Pi Testnet", "Pi Network"] as const;
export type PiNetworkName = (typeof NETWORKS)[number];

/** Scopes Pi's SDK accepts; anything else is rejected like Pi does. */
export const KNOWN_SCOPES = [
  "username",
  "payments",
  "wallet_address",
  "roles",
  "in_app_notifications",
  "platform",
  "preferred_language",
] as const;
export type PiScope = (typeof KNOWN_SCOPES)[number];
/** What Pi Sign-in offers: payments still need Pi Browser, so `payments` is not among them. */
export const SIGN_IN_SCOPES = ["username", "wallet_address"] as const satisfies readonly PiScope[];
export type SignInScope = (typeof SIGN_IN_SCOPES)[number];

/** The Pioneers every fresh or reset emulator starts with. */
export const DEFAULT_PIONEERS = ["alice", "bob"] as const;

export interface EmulatorOptions {
  /** 0 picks a free port. Default 3314. */
  port?: number;
  /** Default 127.0.0.1: the control API has no auth, so stay on loopback. */
  host?: string;
  apiKey?: string;
  network?: PiNetworkName;
  approvalExpiryMs?: number;
  callbackRetryMs?: number;
  /** The Pi Sign-in client the emulator knows from the start. Default emulator-oauth-client. */
  oauthClientId?: string;
}

export type ResolvedEmulatorOptions = Required<EmulatorOptions>;

export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  return {
    port: options.port ?? DEFAULT_EMULATOR_PORT,
    host: options.host ?? DEFAULT_EMULATOR_HOST,
    apiKey: options.apiKey ?? DEFAULT_EMULATOR_API_KEY,
    network: options.network ?? "Pi Testnet",
    approvalExpiryMs: options.approvalExpiryMs ?? DEFAULT_APPROVAL_EXPIRY_MS,
    callbackRetryMs: options.callbackRetryMs ?? DEFAULT_CALLBACK_RETRY_MS,
    oauthClientId: options.oauthClientId ?? DEFAULT_OAUTH_CLIENT_ID,
  };
}

/** Horizon host whose /transactions/<txid> URL Pi puts in `transaction._link`. */
export function horizonUrl(network: PiNetworkName): string {
  return network === "Pi Network" ? "https://api.mainnet.minepi.com" : "https://api.testnet.minepi.com";
}
