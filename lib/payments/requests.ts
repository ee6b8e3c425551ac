import { z } from "zod";

/**
 * Pi payment identifiers are alphanumeric (28 characters today). Anything else never reaches Pi's
 * API, including short words like "incomplete" that would name another Pi route.
 */
export const paymentIdSchema = z.string().trim().regex(/^[A-Za-z0-9]{16,64}$/, "is not a Pi payment id");

export const paymentIdBodySchema = z.object({ paymentId: paymentIdSchema });

export const completeBodySchema = z.object({
  paymentId: paymentIdSchema,
  txid: z.string().trim().regex(/^[A-Za-z0-9]{1,128}$/, "is not a transaction id"),
});

export const createOrderBodySchema = z.object({ productId: z.string().trim().min(1, "is required").max(64) });
