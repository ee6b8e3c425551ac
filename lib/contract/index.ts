/**
 * The shapes our API speaks, shared by the route handlers and the browser. Nothing here touches a
 * secret, the database or Pi's wire format, so client code may import it.
 */
export { AppError, errorCodes, isErrorCode, type ErrorBody, type ErrorCode } from "./errors";
export type { AttentionItem, Check, CheckStatus } from "./diagnostics";
export type { IncompleteOutcome, OrdersOverview, OrderStatus, OrderView } from "./orders";
export type { AdRewardView, PayoutDiagnostics, PayoutItem, PayoutRef, PayoutStatus, RefundableOrder, RefundStatus, RefundView } from "./payouts";
export type { Pioneer } from "./session";
