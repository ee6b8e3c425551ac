"use client";

import type { ComponentProps } from "react";

type Props = Omit<ComponentProps<"a">, "href" | "target" | "rel"> & { href: string };

/**
 * A link to another site. Pi's listing rules ask apps not to send Pioneers away, so inside Pi
 * Browser it opens in the phone's browser (Pi.openUrlInSystemBrowser) and the app stays open.
 */
export function ExternalLink({ href, onClick, children, ...props }: Props) {
  return (
    <a
      {...props}
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        event.preventDefault();
        // Pi's SDK wrapper loads on the first tap, not with every page that shows a link.
        void import("@/lib/pi/open-url").then(({ openExternally }) => openExternally(href));
      }}
    >
      {children}
    </a>
  );
}
