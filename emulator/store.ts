// In-memory state of one emulator: Pioneers, access tokens, payments and the Platform API call log.
import { DEFAULT_PIONEERS, ACCESS_TOKEN_TTL_MS, type PiScope } from "./config";
import { EMULATOR_APP_WALLET } from "./horizon/app-wallet";
import { newAccessToken, newUid, newWalletAddress } from "./ids";

export type Direction = "user_to_app" | "app_to_user";

export interface PaymentStatus {
  developer_approved: boolean;
  transaction_verified: boolean;
  developer_completed: boolean;
  cancelled: boolean;
  user_cancelled: boolean;
}

export interface Payment {
  identifier: string;
  userUid: string;
  amount: number;
  memo: string;
  metadata: Record<string, unknown>;
  fromAddress: string;
  toAddress: string;
  direction: Direction;
  createdAt: number;
  status: PaymentStatus;
  txid: string | null;
}

/** Completed or cancelled. Final: the status flags are only ever set, never cleared. */
export const isClosed = (p: Payment) => p.status.developer_completed || p.status.cancelled || p.status.user_cancelled;

export interface Pioneer {
  uid: string;
  username: string;
  walletAddress: string;
}

export interface AccessGrant {
  token: string;
  pioneer: Pioneer;
  scopes: PiScope[];
  validUntil: number;
}

export interface RewardedAd {
  identifier: string;
  grantedAt: number;
  /** What the ad network reports, as scripted by POST /control/ads (granted when unset). */
  mediator?: { status: "granted" | "revoked" | "failed" | null; nullReads: number; revokedAt: number | null };
}

export interface CallRecord {
  method: string;
  path: string;
  at: string;
}

export class EmulatorStore {
  /** The app's wallet: receives U2A payments and funds A2U ones. Kept across resets like a portal setting. */
  readonly appWalletAddress = EMULATOR_APP_WALLET.publicKey;
  readonly calls: CallRecord[] = [];
  private readonly pioneers = new Map<string, Pioneer>();
  private readonly pioneersByUsername = new Map<string, Pioneer>();
  private readonly grants = new Map<string, AccessGrant>();
  private readonly payments = new Map<string, Payment>();
  // The payments not yet closed, in the order they were made. The open-payment checks run on every
  // request (expiry) and every new payment: over this set they cost what is open, not every payment
  // ever made, so a long session or a load test does not slow the emulator down as it goes.
  private readonly openPayments = new Set<Payment>();
  private readonly rewardedAds = new Map<string, RewardedAd>();
  private generatedNames = 0;

  constructor(private readonly now: () => number) {
    this.reset();
  }

  /** Forget everything except the app wallet; Pioneers get new uids, as after revoking access. */
  reset(): void {
    this.pioneers.clear();
    this.pioneersByUsername.clear();
    this.grants.clear();
    this.payments.clear();
    this.openPayments.clear();
    this.rewardedAds.clear();
    this.calls.length = 0;
    for (const username of DEFAULT_PIONEERS) this.createPioneer(username);
  }

  /** `uid` lets a test give a Pioneer a known uid (an app's ADMIN_UIDS, say); Pi's are random. */
  createPioneer(username?: string, uid: string = newUid()): Pioneer {
    const name = username ?? this.nextGeneratedName();
    const pioneer: Pioneer = { uid, username: name, walletAddress: newWalletAddress() };
    this.pioneers.set(pioneer.uid, pioneer);
    // The first Pioneer with a name keeps it, as a search in creation order would find.
    if (!this.pioneersByUsername.has(name)) this.pioneersByUsername.set(name, pioneer);
    return pioneer;
  }

  findPioneerByUsername(username: string): Pioneer | undefined {
    return this.pioneersByUsername.get(username);
  }

  getPioneer(uid: string): Pioneer | undefined {
    return this.pioneers.get(uid);
  }

  listPioneers(): Pioneer[] {
    return [...this.pioneers.values()];
  }

  issueToken(pioneer: Pioneer, scopes: PiScope[], ttlMs = ACCESS_TOKEN_TTL_MS): AccessGrant {
    const grant: AccessGrant = { token: newAccessToken(), pioneer, scopes, validUntil: this.now() + ttlMs };
    this.grants.set(grant.token, grant);
    return grant;
  }

  /** The grant behind a token, if the token exists, is unexpired and its Pioneer still exists. */
  findGrant(token: string): AccessGrant | undefined {
    const grant = this.grants.get(token);
    if (!grant || grant.validUntil <= this.now() || !this.pioneers.has(grant.pioneer.uid)) return undefined;
    return grant;
  }

  /** Whether any token the Pioneer was issued carries the scope: a consent outlives its tokens. */
  hasGrantedScope(uid: string, scope: PiScope): boolean {
    return [...this.grants.values()].some((g) => g.pioneer.uid === uid && g.scopes.includes(scope));
  }

  addPayment(payment: Payment): void {
    this.payments.set(payment.identifier, payment);
    if (!isClosed(payment)) this.openPayments.add(payment);
  }

  getPayment(identifier: string): Payment | undefined {
    return this.payments.get(identifier);
  }

  listPayments(filter: (p: Payment) => boolean = () => true): Payment[] {
    return [...this.payments.values()].filter(filter);
  }

  /** The payments not closed that pass `filter`, oldest first. */
  listOpenPayments(filter: (p: Payment) => boolean = () => true): Payment[] {
    const found: Payment[] = [];
    for (const payment of this.openPayments) {
      // Closed since it was added: it never opens again.
      if (isClosed(payment)) this.openPayments.delete(payment);
      else if (filter(payment)) found.push(payment);
    }
    return found;
  }

  /** A rewarded ad the Pioneer watched to the end; the app verifies it via /v2/ads_network/status. */
  addRewardedAd(): RewardedAd {
    const ad: RewardedAd = { identifier: newUid(), grantedAt: this.now() };
    this.rewardedAds.set(ad.identifier, ad);
    return ad;
  }

  getRewardedAd(identifier: string): RewardedAd | undefined {
    return this.rewardedAds.get(identifier);
  }

  listRewardedAds(): RewardedAd[] {
    return [...this.rewardedAds.values()];
  }

  logCall(method: string, path: string): void {
    this.calls.push({ method, path, at: new Date(this.now()).toISOString() });
  }

  private nextGeneratedName(): string {
    let name: string;
    do name = `pioneer${++this.generatedNames}`;
    while (this.findPioneerByUsername(name));
    return name;
  }
}
