/** What the diagnostics page shows: checks with their fix, and orders or payments to look at. */

export type CheckStatus = "ok" | "warn" | "error" | "info";
export type Check = { id: string; label: string; status: CheckStatus; detail: string; fix?: string };

export type AttentionItem = { orderId: string | null; piPaymentId: string | null; status: string; amount: string; memo: string; at: string; reason?: string };
