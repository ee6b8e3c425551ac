// The emulator's own Pi chain: accounts with native balances and sequence numbers, and every transaction it
// applied, successful or not. Each applied transaction closes one ledger of its own.
import { STROOPS_PER_PI } from "./amounts";
import type { WalletKeys } from "./app-wallet";

/** High enough that sequence numbers (ledger << 32) pass 2^53, as on Pi's chains: a JS number would round them. */
const GENESIS_LEDGER = 20_000_000;
export const APP_WALLET_BALANCE = 1_000_000n * STROOPS_PER_PI;
export const PIONEER_WALLET_BALANCE = 100n * STROOPS_PER_PI;

export interface LedgerAccount {
  id: string;
  balance: bigint;
  sequence: bigint;
  lastModifiedLedger: number;
  lastModifiedAt: number;
}

export type MemoType = "none" | "text" | "id" | "hash" | "return";

/** Horizon's `extras.result_codes`: `operations` only when the transaction got as far as its operations. */
export interface ResultCodes {
  transaction: string;
  operations?: string[];
}

export interface LedgerPayment {
  from: string;
  to: string;
  amount: bigint;
}

export interface LedgerTransaction {
  hash: string;
  ledger: number;
  createdAt: number;
  source: string;
  sequence: bigint;
  maxFee: bigint;
  feeCharged: bigint;
  operationCount: number;
  memoType: MemoType;
  /** Horizon's `memo`: text as a string, an id in decimal, a hash in base64; null for none. */
  memo: string | null;
  /** Base64 of a text memo's bytes. */
  memoBytes: string | null;
  signatures: string[];
  timeBounds: { minTime: string; maxTime: string } | null;
  envelopeXdr: string;
  resultXdr: string;
  successful: boolean;
  resultCodes: ResultCodes;
  /** The native payments it carried; balances moved only if it was successful. */
  payments: LedgerPayment[];
  /** Every account it names: Horizon lists the transaction under each one's /transactions. */
  participants: string[];
}

export class Ledger {
  latest = GENESIS_LEDGER;
  private readonly accounts = new Map<string, LedgerAccount>();
  /** Accounts ever created, so one a test removed stays removed and keeps its history. */
  private readonly everCreated = new Set<string>();
  private readonly transactions = new Map<string, LedgerTransaction>();

  constructor(
    readonly appWallet: WalletKeys,
    private readonly now: () => number,
  ) {
    this.reset();
  }

  /** A fresh chain: only the app wallet (same keypair: the app's configured secret stays valid), fully funded. */
  reset(): void {
    this.accounts.clear();
    this.everCreated.clear();
    this.transactions.clear();
    this.latest = GENESIS_LEDGER;
    this.putAccount(this.appWallet.publicKey, APP_WALLET_BALANCE);
  }

  /** Creates the account, or sets an existing one's balance. */
  putAccount(id: string, balance: bigint): LedgerAccount {
    const existing = this.accounts.get(id);
    if (existing) {
      existing.balance = balance;
      this.touch(existing);
      return existing;
    }
    // Like Stellar Core, a new account's sequence number is its creation ledger shifted left by 32 bits.
    const account: LedgerAccount = { id, balance, sequence: BigInt(this.latest) << 32n, lastModifiedLedger: this.latest, lastModifiedAt: this.now() };
    this.accounts.set(id, account);
    this.everCreated.add(id);
    return account;
  }

  /** Creates the accounts never seen before; one that was removed is not brought back. */
  ensureAccounts(ids: string[], balance: bigint): void {
    for (const id of ids) if (!this.everCreated.has(id)) this.putAccount(id, balance);
  }

  removeAccount(id: string): boolean {
    return this.accounts.delete(id);
  }

  getAccount(id: string): LedgerAccount | undefined {
    return this.accounts.get(id);
  }

  listAccounts(): LedgerAccount[] {
    return [...this.accounts.values()];
  }

  /** Whether the account ever existed here (Horizon keeps the history of a merged account). */
  knows(id: string): boolean {
    return this.everCreated.has(id);
  }

  touch(account: LedgerAccount): void {
    account.lastModifiedLedger = this.latest;
    account.lastModifiedAt = this.now();
  }

  closeLedger(): number {
    return ++this.latest;
  }

  record(tx: LedgerTransaction): void {
    this.transactions.set(tx.hash, tx);
  }

  getTransaction(hash: string): LedgerTransaction | undefined {
    return this.transactions.get(hash);
  }

  /** In ledger order. */
  listTransactions(filter: (tx: LedgerTransaction) => boolean = () => true): LedgerTransaction[] {
    return [...this.transactions.values()].filter(filter);
  }
}

/** Horizon's paging token for a transaction: its TOID (ledger << 32 | index 1 << 12), one transaction per ledger here. */
export function pagingToken(tx: LedgerTransaction): bigint {
  return (BigInt(tx.ledger) << 32n) | (1n << 12n);
}
