import { z } from "zod";

/**
 * Pi Platform API wire types, exactly as Pi sends them (snake_case). Objects are loose on purpose:
 * Pi adds fields over time, so we require only what we use and let the rest through.
 */

export const userDtoSchema = z.looseObject({
  uid: z.string().min(1),
  username: z.string().min(1).optional(),
  credentials: z
    .looseObject({
      scopes: z.array(z.string()),
      valid_until: z.looseObject({ timestamp: z.number(), iso8601: z.string() }),
    })
    .optional(),
});
export type UserDto = z.infer<typeof userDtoSchema>;

// Only the txid is used: a transaction Pi sends without `verified` or `_link` is still read.
export const paymentTransactionSchema = z.looseObject({
  txid: z.string().min(1),
  verified: z.boolean().optional(),
  _link: z.string().optional(),
});

export const paymentDtoSchema = z.looseObject({
  identifier: z.string().min(1),
  user_uid: z.string().min(1),
  amount: z.number().nonnegative(),
  memo: z.string(),
  metadata: z.unknown(),
  // 2022-era payloads lack these three; the rules treat a missing value as a mismatch.
  from_address: z.string().optional(),
  to_address: z.string().optional(),
  direction: z.string().optional(),
  network: z.string().optional(),
  created_at: z.string(),
  status: z.looseObject({
    developer_approved: z.boolean(),
    transaction_verified: z.boolean(),
    developer_completed: z.boolean(),
    cancelled: z.boolean(),
    user_cancelled: z.boolean(),
  }),
  transaction: paymentTransactionSchema.nullable(),
});
export type PaymentDto = z.infer<typeof paymentDtoSchema>;

/** Pi's answer to GET /payments/incomplete_server_payments (a wrapper, whatever some SDK types say). */
export const incompleteServerPaymentsSchema = z.looseObject({ incomplete_server_payments: z.array(paymentDtoSchema) });

/** RewardedAdStatusDTO: what Pi's ad network says about one rewarded ad (GET /ads_network/status/{adId}). */
export const rewardedAdStatusSchema = z.looseObject({
  identifier: z.string().min(1),
  mediator_ack_status: z.enum(["granted", "revoked", "failed"]).nullable(),
  mediator_granted_at: z.string().nullable(),
  mediator_revoked_at: z.string().nullable(),
});
export type RewardedAdStatusDto = z.infer<typeof rewardedAdStatusSchema>;

export const piErrorBodySchema = z.looseObject({
  error: z.string(),
  error_message: z.string().optional(),
});
