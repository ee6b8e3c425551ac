"use client";

import { useSyncExternalStore } from "react";
import { useI18n } from "./use-i18n";

const subscribeToNothing = () => () => undefined;

/** The zone a page's server render writes dates and times in: it cannot know the device's. */
const serverTimeZone = "UTC";

export type Clock = { now: Date; timeZone: string | undefined };

/**
 * "Now", and the zone to write dates in, for a component that shows them. While the page hydrates:
 * the server's render time and zone, so the browser's first render matches the server's HTML (on a
 * mismatch React throws that HTML away and renders again); right after, the device's clock and zone.
 */
export function useClock(): Clock {
  const { renderedAt } = useI18n();
  const hydrating = useSyncExternalStore(subscribeToNothing, () => false, () => renderedAt !== undefined);
  return hydrating && renderedAt ? { now: new Date(renderedAt), timeZone: serverTimeZone } : { now: new Date(), timeZone: undefined };
}
