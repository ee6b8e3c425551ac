/** The primitives every feature component is built from; with app/globals.css, the whole look. */
export { AppLink } from "./app-link";
export { Button } from "./button";
export { Card } from "./card";
export { ExternalLink } from "./external-link";
export { Notice } from "./notice";
export { focusPageTitle, PageTitle, pageTitleId } from "./page-title";
export { StatusPill, type Tone } from "./status-pill";
