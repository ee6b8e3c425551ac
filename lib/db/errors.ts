/**
 * The SQLSTATE of a failed query on either engine (drizzle wraps driver errors in
 * DrizzleQueryError with the driver's error as `cause`), e.g. "23505" unique_violation,
 * "23514" check_violation, "23503" foreign_key_violation.
 */
export function sqlState(error: unknown): string | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a query failed on a UNIQUE constraint. */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === "23505";
}
