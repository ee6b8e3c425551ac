// @vitest-environment node
import { StrKey } from "stellar-sdk";
import { describe, expect, it } from "vitest";
import { base32Encode, crc16Xmodem, newAccessToken, newPaymentIdentifier, newTxid, newUid, newWalletAddress } from "@/emulator/ids";

describe("emulator identifiers", () => {
  it("payment identifiers are 28 alphanumerics and unique", () => {
    const ids = Array.from({ length: 200 }, newPaymentIdentifier);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{28}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("uids are UUIDs, txids 64 lowercase hex, tokens opaque", () => {
    expect(newUid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newTxid()).toMatch(/^[0-9a-f]{64}$/);
    expect(newAccessToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("wallet addresses are valid Stellar public keys", () => {
    for (let i = 0; i < 50; i++) {
      const address = newWalletAddress();
      expect(address).toMatch(/^G[A-Z2-7]{55}$/);
      expect(StrKey.isValidEd25519PublicKey(address)).toBe(true);
    }
  });

  it("implements CRC16-XModem and RFC 4648 base32 correctly", () => {
    expect(crc16Xmodem(Buffer.from("123456789"))).toBe(0x31c3);
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Encode(Buffer.from("f"))).toBe("MY");
  });
});
