import { annotations, logEvent, withLogContext } from "@/lib/log";
import { toErrorResponse } from "./errors";

type Handler<C> = (request: Request, context: C) => Promise<Response>;

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
      const outcome = response.status < 400 ? "ok" : "error";
      logEvent("request", { route: name, method: request.method, status: response.status, outcome, ms: Math.round(performance.now() - started), ...annotations() });
      return response;
    });
}
