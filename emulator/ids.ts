// Random identifiers in the formats Pi uses, so format checks in app code are exercised.
import { randomBytes, randomUUID } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** StrKey version byte of an ed25519 public key ("G…"). */
const ED25519_PUBLIC_KEY_VERSION = 6 << 3;

/** 28 alphanumerics: Pi's payment identifier doubles as the 28-byte Stellar text memo. */
export function newPaymentIdentifier(): string {
  let id = "";
  while (id.length < 28) {
    for (const byte of randomBytes(32)) {
      // Rejection sampling keeps the characters uniform (248 = 4 × 62).
      if (byte < 248 && id.length < 28) id += ALPHANUMERIC.charAt(byte % 62);
    }
  }
  return id;
}

export function newUid(): string {
  return randomUUID();
}

/** 64 lowercase hex characters, like a Stellar transaction hash. */
export function newTxid(): string {
  return randomBytes(32).toString("hex");
}

export function newAccessToken(): string {
  return randomBytes(32).toString("base64url");
}

/** A valid Stellar public key (version byte, CRC16 checksum, base32): StrKey parsers accept it. */
export function newWalletAddress(): string {
  const payload = Buffer.concat([Buffer.from([ED25519_PUBLIC_KEY_VERSION]), randomBytes(32)]);
  const checksum = crc16Xmodem(payload);
  const bytes = Buffer.concat([payload, Buffer.from([checksum & 0xff, checksum >> 8])]);
  return base32Encode(bytes);
}

export function crc16Xmodem(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** RFC 4648 base32 without padding (35 bytes give exactly 56 characters). */
export function base32Encode(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32.charAt((buffer >> (bits - 5)) & 31);
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32.charAt((buffer << (5 - bits)) & 31);
  return out;
}
