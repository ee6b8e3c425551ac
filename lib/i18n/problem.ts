import type { Messages } from "./messages/en";
import type { KeyOf, Params } from "./translate";

export type MessageKey = KeyOf<Messages>;

/**
 * A failure the browser describes itself, by message key rather than by English sentence, so it
 * reads in the Pioneer's language. `reason`, when given, is another failure whose own text fills
 * the message's `{reason}`.
 */
export class Problem extends Error {
  override name = "Problem";

  constructor(
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly reason?: unknown,
  ) {
    super(key);
  }
}
