export { AttentionList } from "./attention-list";
export { BrowserChecks } from "./browser-checks";
export { CheckList } from "./check-list";
export { RunReconciler } from "./run-reconciler";
