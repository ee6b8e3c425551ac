import type { ReactNode } from "react";

/** The id of every page's <h1>: focus goes there after a sign-in, so the Pioneer starts at the top. */
export const pageTitleId = "page-title";

export function PageTitle({ children }: { children: ReactNode }) {
  return (
    <h1 id={pageTitleId} tabIndex={-1}>
      {children}
    </h1>
  );
}

/** Moves focus to the page's title, if the page has one. */
export function focusPageTitle() {
  document.getElementById(pageTitleId)?.focus();
}
