export { SiteHeader } from "./site-header";
export { SiteFooter } from "./site-footer";
