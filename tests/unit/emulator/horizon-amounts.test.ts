// @vitest-environment node
// Stroop arithmetic and the app wallet's fixed keys: the money and the key every payout test relies on.
import { Keypair } from "@stellar/stellar-sdk";
import { describe, expect, it } from "vitest";
import { formatPi, parsePi, piNumberToStroops } from "@/emulator/horizon/amounts";
import { EMULATOR_APP_WALLET } from "@/emulator/horizon/app-wallet";

describe("π amounts", () => {
  it("parse decimal text with up to 7 decimals into stroops, and nothing else", () => {
    expect(parsePi("3.14")).toBe(31_400_000n);
    expect(parsePi("0.0000001")).toBe(1n);
    expect(parsePi("1000000")).toBe(10_000_000_000_000n);
    for (const bad of ["", "-1", "1.", ".5", "1e3", "0.00000001", " 1", "1,5"]) expect(parsePi(bad)).toBeUndefined();
  });

  it("format as Horizon does, with 7 decimals", () => {
    expect(formatPi(31_400_000n)).toBe("3.1400000");
    expect(formatPi(1n)).toBe("0.0000001");
    expect(formatPi(0n)).toBe("0.0000000");
  });

  it("take a PaymentDTO number exactly, or not at all when it has more than 7 decimals", () => {
    expect(piNumberToStroops(3.14)).toBe(31_400_000n);
    expect(piNumberToStroops(0.1 + 0.2)).toBeUndefined();
    expect(piNumberToStroops(1e-8)).toBeUndefined();
  });
});

describe("the app wallet", () => {
  it("is a real keypair: the secret derives the public key", () => {
    expect(Keypair.fromSecret(EMULATOR_APP_WALLET.secret).publicKey()).toBe(EMULATOR_APP_WALLET.publicKey);
  });
});
