// JSON exactly as Pi's Platform API sends it (snake_case, pi-platform.md §3).
import { horizonUrl, type PiNetworkName } from "./config";
import type { AccessGrant, Direction, Payment, PaymentStatus } from "./store";

export interface PaymentDTO {
  identifier: string;
  user_uid: string;
  amount: number;
  memo: string;
  metadata: Record<string, unknown>;
  from_address: string;
  to_address: string;
  direction: Direction;
  network: PiNetworkName;
  created_at: string;
  status: PaymentStatus;
  transaction: null | { txid: string; verified: boolean; _link: string };
}

export interface UserDTO {
  uid: string;
  username?: string;
  credentials: { scopes: string[]; valid_until: { timestamp: number; iso8601: string } };
}

export function toPaymentDto(payment: Payment, network: PiNetworkName): PaymentDTO {
  return {
    identifier: payment.identifier,
    user_uid: payment.userUid,
    amount: payment.amount,
    memo: payment.memo,
    metadata: payment.metadata,
    from_address: payment.fromAddress,
    to_address: payment.toAddress,
    direction: payment.direction,
    network,
    created_at: new Date(payment.createdAt).toISOString(),
    // Copies, so a DTO never changes after it was sent.
    status: { ...payment.status },
    transaction:
      payment.txid === null
        ? null
        : { txid: payment.txid, verified: payment.status.transaction_verified, _link: `${horizonUrl(network)}/transactions/${payment.txid}` },
  };
}

/** Pi includes `username` only when the token carries the username scope. */
export function toUserDto(grant: AccessGrant): UserDTO {
  const validUntil = new Date(grant.validUntil);
  return {
    uid: grant.pioneer.uid,
    ...(grant.scopes.includes("username") ? { username: grant.pioneer.username } : {}),
    credentials: {
      scopes: [...grant.scopes],
      valid_until: { timestamp: Math.floor(grant.validUntil / 1000), iso8601: validUntil.toISOString() },
    },
  };
}
