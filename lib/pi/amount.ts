/**
 * Exact Pi amounts. Pi has 7 decimal places, so amounts are compared as whole numbers of
 * 10⁻⁷ π (bigint), never as floating-point numbers.
 */
const decimals = 7;
const scale = 10n ** BigInt(decimals);
const decimalPattern = /^(\d{1,13})(?:\.(\d{1,7}))?$/;

/** Parses "3.14" (our catalog and database) or 3.14 (Pi's JSON); null when not a valid Pi amount. */
export function toUnits(amount: string | number): bigint | null {
  let text: string;
  if (typeof amount === "number") {
    if (!Number.isFinite(amount) || amount < 0 || amount >= 1e13) return null;
    text = amount.toFixed(decimals);
    // More precision than Pi allows: toFixed rounded it, and the round trip shows it.
    if (Number(text) !== amount) return null;
  } else {
    text = amount.trim();
  }
  const match = decimalPattern.exec(text);
  if (!match) return null;
  const whole = BigInt(match[1] ?? "0");
  const fraction = BigInt((match[2] ?? "").padEnd(decimals, "0"));
  return whole * scale + fraction;
}

/** True only when both are valid Pi amounts and exactly equal. */
export function amountsEqual(a: string | number, b: string | number): boolean {
  const left = toUnits(a);
  const right = toUnits(b);
  return left !== null && right !== null && left === right;
}

/** "3.1400000" (a numeric column) → "3.14". */
export function normalizeAmount(amount: string): string {
  const units = toUnits(amount);
  if (units === null) throw new Error(`not a Pi amount: ${amount}`);
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(decimals, "0").replace(/0+$/, "");
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** Units of 10⁻⁷ π → "3.1400000": the 7-decimal string a Stellar payment operation takes. */
export function formatUnits(units: bigint): string {
  if (units < 0n) throw new Error("negative Pi amount");
  return `${units / scale}.${(units % scale).toString().padStart(decimals, "0")}`;
}
