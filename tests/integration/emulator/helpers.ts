// Shared by the emulator's integration tests: start one in-process, call it over real HTTP, parse strictly.
import { z } from "zod";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/emulator/server";

export const IDENTIFIER = /^[A-Za-z0-9]{28}$/;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ADDRESS = /^G[A-Z2-7]{55}$/;
export const TXID = /^[0-9a-f]{64}$/;
export const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Exactly Pi's PaymentDTO keys (strict), with the formats Pi uses. */
export const paymentDtoSchema = z.strictObject({
  identifier: z.string().regex(IDENTIFIER),
  user_uid: z.string().regex(UUID),
  amount: z.number(),
  memo: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  from_address: z.string().regex(ADDRESS),
  to_address: z.string().regex(ADDRESS),
  direction: z.enum(["user_to_app", "app_to_user"]),
  network: z.enum(["Pi Testnet", "Pi Network"]),
  created_at: z.string().regex(ISO_MS),
  status: z.strictObject({
    developer_approved: z.boolean(),
    transaction_verified: z.boolean(),
    developer_completed: z.boolean(),
    cancelled: z.boolean(),
    user_cancelled: z.boolean(),
  }),
  transaction: z
    .strictObject({ txid: z.string().regex(TXID), verified: z.boolean(), _link: z.url() })
    .nullable(),
});
export type PaymentDTO = z.infer<typeof paymentDtoSchema>;

export const errorBodySchema = z.looseObject({ error: z.string(), error_message: z.string() });
export const userSchema = z.object({ uid: z.string().regex(UUID), username: z.string(), accessToken: z.string().min(20) });

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as-is (for malformed JSON). */
  rawBody?: string;
  authorization?: string;
}

export class EmulatorClient {
  constructor(readonly emulator: RunningEmulator) {}

  async call(method: string, path: string, options: CallOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (options.authorization) headers.Authorization = options.authorization;
    const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(`${this.emulator.url}${path}`, { method, headers, body });
    const text = await res.text();
    const isJson = res.headers.get("content-type")?.includes("application/json") ?? false;
    return { status: res.status, headers: res.headers, body: isJson ? JSON.parse(text) : text };
  }

  /** A Platform API call with the server key. */
  server(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.call(method, path, { body, authorization: `Key ${this.emulator.apiKey}` });
  }

  control(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.call(method, `/control${path}`, { body });
  }

  async newUser(username?: string): Promise<z.infer<typeof userSchema>> {
    return userSchema.parse((await this.control("POST", "/users", username ? { username } : {})).body);
  }

  /** A U2A payment created as that Pioneer's SDK would. */
  async newPayment(accessToken: string, amount = 3.14, metadata: Record<string, unknown> = { orderId: "o-1" }): Promise<PaymentDTO> {
    const reply = await this.control("POST", "/payments", { accessToken, amount, memo: "Test order", metadata });
    return payment(reply);
  }
}

/** Asserts a 200 with a well-formed PaymentDTO. */
export function payment(reply: Reply): PaymentDTO {
  if (reply.status !== 200) throw new Error(`Expected 200, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  return paymentDtoSchema.parse(reply.body);
}

/** Asserts Pi's error body with the given status and code. */
export function piError(reply: Reply, status: number, code: string): z.infer<typeof errorBodySchema> {
  const body = errorBodySchema.parse(reply.body);
  if (reply.status !== status || body.error !== code) {
    throw new Error(`Expected ${status} ${code}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
  return body;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorClient> {
  return new EmulatorClient(await startEmulator({ port: 0, ...options }));
}
