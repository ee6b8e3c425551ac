// Environment of `npm run emulator`, validated with zod. Takes the env as an argument so it is testable.
import { z } from "zod";
import {
  DEFAULT_APPROVAL_EXPIRY_MS,
  DEFAULT_CALLBACK_RETRY_MS,
  DEFAULT_EMULATOR_API_KEY,
  DEFAULT_EMULATOR_PORT,
  DEFAULT_OAUTH_CLIENT_ID,
  NETWORKS,
  type EmulatorOptions,
} from "./config";
import { oauthClientIdSchema } from "./oauth";

/** Empty strings count as unset, like an `.env` line with nothing after "=". */
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);
const milliseconds = (fallback: number) =>
  z.preprocess(unsetIfEmpty, z.coerce.number().int().positive().max(86_400_000).default(fallback));

const emulatorEnvSchema = z.object({
  PI_EMULATOR_PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65_535).default(DEFAULT_EMULATOR_PORT)),
  PI_EMULATOR_API_KEY: z.preprocess(unsetIfEmpty, z.string().min(1).default(DEFAULT_EMULATOR_API_KEY)),
  PI_NETWORK: z.preprocess(unsetIfEmpty, z.enum(NETWORKS).default("Pi Testnet")),
  PI_EMULATOR_APPROVAL_EXPIRY_MS: milliseconds(DEFAULT_APPROVAL_EXPIRY_MS),
  PI_EMULATOR_CALLBACK_RETRY_MS: milliseconds(DEFAULT_CALLBACK_RETRY_MS),
  PI_EMULATOR_OAUTH_CLIENT_ID: z.preprocess(unsetIfEmpty, oauthClientIdSchema.default(DEFAULT_OAUTH_CLIENT_ID)),
});

export type EmulatorEnvResult = { ok: true; options: EmulatorOptions } | { ok: false; message: string };

export function parseEmulatorEnv(env: Record<string, string | undefined>): EmulatorEnvResult {
  const result = emulatorEnvSchema.safeParse(env);
  if (!result.success) return { ok: false, message: `Invalid emulator environment:\n${z.prettifyError(result.error)}` };
  const e = result.data;
  return {
    ok: true,
    options: {
      port: e.PI_EMULATOR_PORT,
      host: "127.0.0.1",
      apiKey: e.PI_EMULATOR_API_KEY,
      network: e.PI_NETWORK,
      approvalExpiryMs: e.PI_EMULATOR_APPROVAL_EXPIRY_MS,
      callbackRetryMs: e.PI_EMULATOR_CALLBACK_RETRY_MS,
      oauthClientId: e.PI_EMULATOR_OAUTH_CLIENT_ID,
    },
  };
}
