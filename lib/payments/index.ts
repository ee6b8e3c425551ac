export { catalog, findProduct, type Product } from "./catalog";
export { resolveIncompletePayment, type IncompleteOutcome } from "./incomplete";
export { createOrder, listOrders, type OrderView } from "./orders";
export { reconcileOrdersOf } from "./reconcile";
export { approvePayment, cancelPayment, completePayment } from "./service";
