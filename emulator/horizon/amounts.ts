// π amounts as the chain counts them: stroops (1 π = 10^7), as bigint so money never meets a float.
export const STROOPS_PER_PI = 10_000_000n;
/** Pi's fee per operation: 0.01 π (Stellar's is 100 stroops). */
export const BASE_FEE = 100_000n;
/** Our assumption: Pi keeps Stellar's 0.5 base reserve, so an account (no subentries) must keep 1 π. */
export const BASE_RESERVE = 5_000_000n;
export const MIN_BALANCE = 2n * BASE_RESERVE;

/** At most 7 decimals, like Horizon's amounts; no sign, no exponent. */
const DECIMAL_PI = /^(\d{1,12})(?:\.(\d{1,7}))?$/;

export function parsePi(text: string): bigint | undefined {
  const match = DECIMAL_PI.exec(text);
  if (!match) return undefined;
  const [, whole = "0", fraction = ""] = match;
  return BigInt(whole) * STROOPS_PER_PI + BigInt(fraction.padEnd(7, "0"));
}

/** Horizon's format: always 7 decimals, e.g. "3.1400000". */
export function formatPi(stroops: bigint): string {
  const sign = stroops < 0n ? "-" : "";
  const abs = stroops < 0n ? -stroops : stroops;
  return `${sign}${abs / STROOPS_PER_PI}.${(abs % STROOPS_PER_PI).toString().padStart(7, "0")}`;
}

/** A PaymentDTO amount (a JSON number) in stroops; undefined when it has more than 7 decimals. */
export function piNumberToStroops(amount: number): bigint | undefined {
  const stroops = parsePi(amount.toFixed(7));
  return stroops !== undefined && Number(stroops) / 1e7 === amount ? stroops : undefined;
}
