/** Types for `window.Pi`, the SDK that Pi Browser (or the local emulator) loads from NEXT_PUBLIC_PI_SDK_URL. */

/** What the client forwards of a payment Pi's SDK hands it: the id only, never the rest. */
export type PiSdkPayment = { identifier: string };

export type PiAuthResult = { accessToken: string; user: { uid: string; username?: string } };

export type PiPaymentCallbacks = {
  onReadyForServerApproval: (paymentId: string) => void;
  onReadyForServerCompletion: (paymentId: string, txid: string) => void;
  onCancel: (paymentId: string) => void;
  onError: (error: Error, payment?: PiSdkPayment) => void;
};

export type PiAdType = "interstitial" | "rewarded";

/** Pi.Ads (Pi Browser with the ad network). `isAdReady` answers a bare boolean in some SDK versions and `{ready}` in others. */
export type PiAds = {
  isAdReady(type: PiAdType): Promise<boolean | { type?: PiAdType; ready?: boolean }>;
  requestAd(type: PiAdType): Promise<{ type?: PiAdType; result: string }>;
  showAd(type: PiAdType): Promise<{ type?: PiAdType; result: string; adId?: string }>;
};

export type PiSdk = {
  init(config: { version: "2.0"; sandbox?: boolean }): Promise<void> | void;
  authenticate(scopes: string[], onIncompletePaymentFound: (payment: PiSdkPayment) => void): Promise<PiAuthResult>;
  createPayment(data: { amount: number; memo: string; metadata: Record<string, unknown> }, callbacks: PiPaymentCallbacks): void;
  /** Pi Browser only: opens a link outside the app, in the phone's own browser. */
  openUrlInSystemBrowser?(url: string): Promise<void>;
  /** Undocumented: `{hostApp: "pi-browser"}` inside Pi Browser; may be missing, or never answer, elsewhere. */
  getPiHostAppInfo?(): Promise<{ hostApp?: unknown }>;
  /** Pi Browser's share sheet. */
  openShareDialog?(title: string, message: string): void;
  /** Pi Sign-in: builds the authorize URL and navigates to it; needs no Pi.init. */
  signIn?(options: { clientId: string; redirectUri: string; scopes?: string[]; state?: string }): Promise<void> | void;
  /** What the host supports, e.g. "ad_network"; absent in older SDKs. */
  nativeFeaturesList?(): Promise<string[]>;
  Ads?: PiAds;
};

declare global {
  interface Window {
    Pi?: PiSdk;
  }
}
