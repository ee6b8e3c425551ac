export { Storefront } from "./storefront";
