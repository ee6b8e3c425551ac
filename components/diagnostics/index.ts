export { AttentionList } from "./attention-list";
export { BrowserChecks } from "./browser-checks";
export { CheckList } from "./check-list";
export { PayoutsCard } from "./payouts-card";
export { RunReconciler } from "./run-reconciler";
