/**
 * The payment engine: what makes a Pi payment approvable and completable, and the steps that move
 * an order with Pi. A fork changes the shop (lib/shop), not this.
 */
export { resolveIncompletePayment } from "./incomplete";
export { createOrder, ordersOverview } from "./orders";
export { reconcileOrders, type ReconcileCounts } from "./reconcile";
export { approvePayment, cancelPayment, completePayment } from "./service";
