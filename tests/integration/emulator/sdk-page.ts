// Shared by the SDK's jsdom tests: window.Pi's shape, and a fresh page that runs the served SDK.
import { runInThisContext } from "node:vm";

export interface PaymentCallbacks {
  onReadyForServerApproval(paymentId: string): unknown;
  onReadyForServerCompletion(paymentId: string, txid: string): unknown;
  onCancel(paymentId: string): unknown;
  onError(error: Error, payment?: unknown): unknown;
}

export interface PiSdk {
  init(config: { version: string; sandbox?: boolean }): Promise<void>;
  authenticate(scopes: string[], onIncompletePaymentFound: (payment: unknown) => unknown): Promise<{ accessToken: string; user: { uid: string; username?: string } }>;
  createPayment(data: { amount: number; memo: string; metadata: Record<string, unknown> }, callbacks: PaymentCallbacks): void;
  nativeFeaturesList(): Promise<string[]>;
  openUrlInSystemBrowser(url: string): Promise<void>;
  openShareDialog(title: unknown, message: unknown): void;
  signIn(options: unknown): Promise<void>;
  getPiHostAppInfo?: () => Promise<{ hostApp: string }>;
  Ads: Record<"showAd" | "isAdReady" | "requestAd", (type: string) => Promise<unknown>>;
}

function isPiSdk(value: unknown): value is PiSdk {
  return typeof value === "object" && value !== null && ["init", "authenticate", "createPayment"].every((k) => typeof Reflect.get(value, k) === "function");
}

/** A fresh page titled "Shop" that loaded the SDK source from the emulator at `emulatorUrl`. */
export function runSdk(source: string, emulatorUrl: string): PiSdk {
  document.head.replaceChildren();
  document.body.replaceChildren();
  document.title = "Shop";
  // The SDK finds the emulator through the <script src> that loaded it.
  const tag = document.createElement("script");
  tag.src = `${emulatorUrl}/pi-sdk.js`;
  document.head.append(tag);
  Reflect.deleteProperty(window, "Pi");
  // Run it in this test's global scope (where jsdom's window lives), as the loaded script would run.
  runInThisContext(source, { filename: "pi-sdk.js" });
  const pi: unknown = Reflect.get(window, "Pi");
  if (!isPiSdk(pi)) throw new Error("window.Pi is missing");
  return pi;
}
