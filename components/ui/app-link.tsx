"use client";

import { useRouter } from "next/navigation";
import type { ComponentProps } from "react";

type Props = Omit<ComponentProps<"a">, "href"> & { href: `/${string}` };

/**
 * A link to another page of the app, navigated in place by the App Router (no full reload, the Pi
 * SDK and the session stay). Used instead of next/link, whose prefetching machinery is about 5 KB of
 * every page's first load: our pages are rendered per request (the CSP nonce), so there is little to
 * prefetch. A click with a modifier, or a middle click, keeps the browser's own behaviour.
 */
export function AppLink({ href, onClick, children, ...props }: Props) {
  const router = useRouter();
  return (
    <a
      {...props}
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        router.push(href);
      }}
    >
      {children}
    </a>
  );
}
