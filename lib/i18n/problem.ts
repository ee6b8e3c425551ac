import type { ClientMessages } from "./messages/en";
import type { KeyOf, Params } from "./translate";

/** A key the browser can translate: its messages lack the server-only namespaces. */
export type MessageKey = KeyOf<ClientMessages>;

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
