// /control/* levers for the host side: Pi Sign-in clients and forced errors, the host mode, and what the
// SDK recorded (shares, rewarded ads). Bodies are zod-validated, like the rest of the control API.
import { z } from "zod";
import type { EmulatorContext } from "./context";
import { json, parseBody, type EmulatorRequest, type EmulatorResponse } from "./http";
import { SIGN_IN_ERRORS, oauthClientIdSchema, redirectUriSchema } from "./oauth";
import { defaultHostSettings, hostSettingsSchema } from "./pi-browser";

const registerRedirectSchema = z.object({ clientId: oauthClientIdSchema.optional(), uri: redirectUriSchema });
const hostBodySchema = z.union([z.undefined(), hostSettingsSchema]);
const forceErrorSchema = z.object({ error: z.enum(SIGN_IN_ERRORS), times: z.number().int().positive().max(1000).default(1) });

/** Answers a host control route, or returns undefined when the request is not one. */
export function handleHostControl(req: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  const { oauth, host, store } = ctx;
  switch (`${req.method} ${req.path}`) {
    case "GET /control/oauth/redirect-uris":
      return json(200, { clients: oauth.listClients() });
    case "POST /control/oauth/redirect-uris": {
      const body = parseBody(req, registerRedirectSchema);
      if (!body.ok) return body.response;
      const clientId = body.value.clientId ?? ctx.options.oauthClientId;
      oauth.register(clientId, body.value.uri);
      return json(201, { clients: oauth.listClients() });
    }
    case "GET /control/oauth/force-error":
      return json(200, { forced: oauth.listForced() });
    case "POST /control/oauth/force-error": {
      const body = parseBody(req, forceErrorSchema);
      if (!body.ok) return body.response;
      oauth.force(body.value.error, body.value.times);
      return json(201, { forced: oauth.listForced() });
    }
    case "GET /control/oauth/authorizations":
      return json(200, { authorizations: [...oauth.answers] });
    case "GET /control/host":
      return json(200, host.settings);
    case "POST /control/host": {
      const body = parseBody(req, hostBodySchema);
      if (!body.ok) return body.response;
      // Every call describes the whole host: omitted fields go back to Pi Browser's defaults.
      host.settings = body.value ?? defaultHostSettings();
      return json(200, host.settings);
    }
    case "GET /control/shares":
      return json(200, { shares: [...host.shares] });
    case "GET /control/rewarded-ads":
      return json(200, { rewardedAds: store.listRewardedAds().map((ad) => ({ adId: ad.identifier, grantedAt: new Date(ad.grantedAt).toISOString() })) });
  }
  return undefined;
}

/** Part of POST /control/reset. */
export function resetHost(ctx: EmulatorContext): void {
  ctx.oauth.reset();
  ctx.host.reset();
}
