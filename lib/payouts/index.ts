/**
 * App-to-user payouts (refunds, rewards): off by default (docs/PAYOUTS.md). A request only queues a
 * row; the worker pays it from the scheduled run, exactly once, on Pi's chain through Horizon.
 */
export { refundBodySchema, requestPayout, requestRefund, type PayoutRequest } from "./request";
export { latestRefunds, mayRefundAgain, toPayoutItem, toRefundView } from "./views";
export { runPayouts, type PayoutRunCounts, type PayoutRunOptions } from "./worker";
