import { z } from "zod";
import { errorCodes } from "@/lib/contract";
import { annotations, logEvent, withLogContext } from "@/lib/log";
import { toErrorResponse } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

const errorBodySchema = z.object({ error: z.object({ code: z.enum(errorCodes) }) });

/** "ok", or the error code the client read: the body is the one place every error path agrees on. */
async function outcomeOf(response: Response): Promise<string> {
  if (response.status < 400) return "ok";
  const parsed = errorBodySchema.safeParse(await response.clone().json().catch(() => null));
  return parsed.success ? parsed.data.error.code : "error";
}

/**
 * Wraps a route handler so every failure leaves in the one JSON error shape, no shared cache keeps
 * an answer (they depend on the caller) unless the handler says otherwise, and each request leaves
 * one log line with what the handler and the services annotated (orderId, paymentId…).
 */
export function route<C>(name: string, handler: Handler<C>): Handler<C> {
  return (request, context) =>
    withLogContext(async () => {
      const started = performance.now();
      let response: Response;
      try {
        response = await handler(request, context);
      } catch (error) {
        response = toErrorResponse(error, name);
      }
      if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
      const outcome = await outcomeOf(response);
      logEvent("request", { route: name, method: request.method, status: response.status, outcome, ms: Math.round(performance.now() - started), ...annotations() });
      return response;
    });
}
