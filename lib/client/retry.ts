import { ApiError } from "./api";

/** A network failure or a 5xx: worth asking again. A 4xx is the server's answer and stays one. */
export const isTransient = (error: unknown) => error instanceof ApiError && (error.status === 0 || error.status >= 500);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt`, and again after each delay while it fails transiently; our payment routes are
 * idempotent, so asking twice is safe. The last failure is rethrown.
 */
export async function retryTransient<T>(attempt: () => Promise<T>, delaysMs: readonly number[] = [1000, 2000, 4000]): Promise<T> {
  for (const delay of delaysMs) {
    try {
      return await attempt();
    } catch (error) {
      if (!isTransient(error)) throw error;
    }
    await sleep(delay);
  }
  return attempt();
}
