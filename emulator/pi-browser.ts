// The emulated host around the app: whether it plays Pi Browser (for the app's host detection), and the
// share sheets the app opened in it.
import { z } from "zod";
import { appOriginSchema } from "./consents";
import type { EmulatorContext } from "./context";
import { json, parseBody, type EmulatorRequest, type EmulatorResponse } from "./http";

export const hostSettingsSchema = z.strictObject({
  /** What Pi.getPiHostAppInfo() answers; "none": the SDK has no such method. */
  hostApp: z.enum(["pi-browser", "unknown", "none"]).default("pi-browser"),
  /** "never": getPiHostAppInfo() never settles, as real SDKs outside Pi Browser sometimes do. */
  answers: z.enum(["immediately", "never"]).default("immediately"),
  /** "never": Pi.init (and so authenticate) never settles, as Pi's SDK outside Pi Browser. */
  init: z.enum(["answers", "never"]).default("answers"),
});
export type HostSettings = z.output<typeof hostSettingsSchema>;

const shareSchema = z.object({ app: appOriginSchema, title: z.string().max(10_000), message: z.string().max(10_000) });

export interface Share {
  app: string;
  title: string;
  message: string;
  at: string;
}

/** Pi Browser, answering at once. */
export const defaultHostSettings = (): HostSettings => hostSettingsSchema.parse({});

export class PiBrowserHost {
  settings = defaultHostSettings();
  readonly shares: Share[] = [];

  reset(): void {
    this.settings = defaultHostSettings();
    this.shares.length = 0;
  }
}

/** Marks the line of pi-sdk.js that the emulator rewrites with the current settings. */
const HOST_SETTINGS_LITERAL = /\/\* pi-emulator:host \*\/ \{[^}]*\}/;

/**
 * Writes the settings into the SDK as it is served: whether `Pi.getPiHostAppInfo` exists must be known
 * when the script runs, before any request could answer. They apply to pages loaded afterwards.
 */
export function withHostSettings(script: EmulatorResponse, settings: HostSettings): EmulatorResponse {
  if (!HOST_SETTINGS_LITERAL.test(script.body)) throw new Error("pi-sdk.js lacks its /* pi-emulator:host */ settings.");
  return { ...script, body: script.body.replace(HOST_SETTINGS_LITERAL, `/* pi-emulator:host */ ${JSON.stringify(settings)}`) };
}

/** POST /wallet/shares: the SDK reports each Pi.openShareDialog(title, message). */
export function recordShare(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse {
  const body = parseBody(req, shareSchema);
  if (!body.ok) return body.response;
  const share: Share = { ...body.value, at: new Date(ctx.now()).toISOString() };
  ctx.host.shares.push(share);
  return json(201, share);
}
