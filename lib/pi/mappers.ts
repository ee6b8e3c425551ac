import type { Pioneer } from "@/lib/contract";
import type { PaymentDto, UserDto } from "./schemas";

export function toPioneer(dto: UserDto): Pioneer {
  return { uid: dto.uid, username: dto.username ?? null };
}

/** Pi's payment record, reshaped for the payment rules (camelCase, only what they read). */
export type PiPayment = {
  id: string;
  userUid: string;
  amount: number;
  memo: string;
  orderId: string | null;
  direction: string | null;
  network: string | null;
  approved: boolean;
  completed: boolean;
  /** Cancelled by anyone: the app, Pi (expiry, replacement) or the Pioneer. */
  cancelled: boolean;
  txid: string | null;
  /** When Pi created it; null if Pi's timestamp does not parse. */
  createdAt: Date | null;
};

function readOrderId(metadata: unknown): string | null {
  if (typeof metadata !== "object" || metadata === null || !("orderId" in metadata)) return null;
  return typeof metadata.orderId === "string" ? metadata.orderId : null;
}

export function toPiPayment(dto: PaymentDto): PiPayment {
  return {
    id: dto.identifier,
    userUid: dto.user_uid,
    amount: dto.amount,
    memo: dto.memo,
    orderId: readOrderId(dto.metadata),
    direction: dto.direction ?? null,
    network: dto.network ?? null,
    approved: dto.status.developer_approved,
    completed: dto.status.developer_completed,
    cancelled: dto.status.cancelled || dto.status.user_cancelled,
    txid: dto.transaction?.txid ?? null,
    createdAt: Number.isNaN(Date.parse(dto.created_at)) ? null : new Date(dto.created_at),
  };
}

/** Pi's record of an app-to-user payment (a payout), for the payout rules. */
export type PiPayout = Omit<PiPayment, "orderId"> & {
  /** The payout row that asked for it (metadata.payoutId), or null. */
  payoutId: string | null;
  fromAddress: string | null;
  toAddress: string | null;
};

function readPayoutId(metadata: unknown): string | null {
  if (typeof metadata !== "object" || metadata === null || !("payoutId" in metadata)) return null;
  return typeof metadata.payoutId === "string" ? metadata.payoutId : null;
}

export function toPiPayout(dto: PaymentDto): PiPayout {
  const { id, userUid, amount, memo, direction, network, approved, completed, cancelled, txid, createdAt } = toPiPayment(dto);
  const addresses = { fromAddress: dto.from_address ?? null, toAddress: dto.to_address ?? null };
  return { id, userUid, amount, memo, direction, network, approved, completed, cancelled, txid, createdAt, payoutId: readPayoutId(dto.metadata), ...addresses };
}
