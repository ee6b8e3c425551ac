import { afterEach, vi } from "vitest";
import { resetEnv } from "@/lib/config/server";

/** Sets environment variables for the current test (undefined unsets one) and drops the cached configuration. */
export function stubEnv(values: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(values)) vi.stubEnv(name, value);
  resetEnv();
}

/** Undoes every `stubEnv` after each test of the file that calls it. */
export function restoreEnvAfterEach() {
  afterEach(() => {
    vi.unstubAllEnvs();
    resetEnv();
  });
}
