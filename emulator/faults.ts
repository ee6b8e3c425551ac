// Injected failures for Platform API and Horizon calls, so tests can exercise an app's retry and timeout paths.
import { z } from "zod";
import { FORCEABLE_CODES } from "./horizon/result-codes";

export const faultSpecSchema = z
  .object({
    /** HTTP method, or "*" for any. */
    method: z.string().min(1).transform((m) => m.toUpperCase()),
    /** A Platform API or Horizon path; a "*" segment matches any one segment, e.g. /v2/payments/*\/approve. */
    path: z.string().regex(/^\/(v2|horizon)(\/[^/?#\s]+)*$/, "path must be a Platform API or Horizon path such as /v2/payments/*/approve"),
    /** Horizon only: `timeout-after-apply` handles the call, then answers 504; `reject` forces a result `code`. */
    mode: z.enum(["error", "delay", "drop-response", "hang-after-apply", "timeout-after-apply", "reject"]),
    /** error: the status to answer (default 500). */
    status: z.number().int().min(400).max(599).optional(),
    /** error: the `error` code in the body (default unknown_error). */
    error: z.string().min(1).optional(),
    message: z.string().optional(),
    /** delay: how long to wait before handling the call normally. hang-after-apply: how long to hold the answer (default: until the caller hangs up). */
    ms: z.number().int().min(0).max(120_000).optional(),
    /** reject: the result code POST /horizon/transactions answers (op_* codes still charge the fee, as on chain). */
    code: z.enum(FORCEABLE_CODES).optional(),
    /** How many matching calls the fault applies to. */
    times: z.number().int().positive().default(1),
  })
  .refine((f) => f.mode !== "delay" || f.ms !== undefined, { message: "delay faults need ms", path: ["ms"] })
  .refine((f) => f.mode !== "reject" || f.code !== undefined, { message: "reject faults need code", path: ["code"] })
  .refine((f) => !["timeout-after-apply", "reject"].includes(f.mode) || f.path.startsWith("/horizon"), {
    message: "timeout-after-apply and reject faults are for Horizon paths",
    path: ["mode"],
  });

export type FaultSpec = z.output<typeof faultSpecSchema>;

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
}

export function faultPathMatches(pattern: string, path: string): boolean {
  const want = pattern.split("/");
  const got = path.split("/");
  return want.length === got.length && want.every((segment, i) => segment === "*" || segment === got[i]);
}

export class FaultRegistry {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, id: this.nextId++, remaining: spec.times };
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Uses up one application of the oldest fault matching this call, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (f.method === "*" || f.method === method) && faultPathMatches(f.path, path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }
}
