// Horizon's JSON resources, with the fields (and HAL _links) a Stellar SDK's Horizon.Server reads.
import { BASE_FEE, formatPi } from "./amounts";
import { pagingToken, type LedgerAccount, type LedgerTransaction } from "./ledger";

const link = (href: string, templated = false) => (templated ? { href, templated } : { href });
/** Horizon's timestamps have whole seconds. */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export function accountResource(base: string, a: LedgerAccount) {
  const self = `${base}/accounts/${a.id}`;
  return {
    _links: {
      self: link(self),
      transactions: link(`${self}/transactions{?cursor,limit,order}`, true),
      operations: link(`${self}/operations{?cursor,limit,order}`, true),
      payments: link(`${self}/payments{?cursor,limit,order}`, true),
      effects: link(`${self}/effects{?cursor,limit,order}`, true),
      offers: link(`${self}/offers{?cursor,limit,order}`, true),
      trades: link(`${self}/trades{?cursor,limit,order}`, true),
      // The SDK moves linked fields to `<name>_attr`: loadAccount's data_attr (checked for memo_required) comes from here.
      data: link(`${self}/data/{key}`, true),
    },
    id: a.id,
    account_id: a.id,
    sequence: a.sequence.toString(),
    subentry_count: 0,
    last_modified_ledger: a.lastModifiedLedger,
    last_modified_time: isoSeconds(a.lastModifiedAt),
    thresholds: { low_threshold: 0, med_threshold: 0, high_threshold: 0 },
    flags: { auth_required: false, auth_revocable: false, auth_immutable: false, auth_clawback_enabled: false },
    balances: [{ balance: formatPi(a.balance), buying_liabilities: "0.0000000", selling_liabilities: "0.0000000", asset_type: "native" }],
    signers: [{ weight: 1, key: a.id, type: "ed25519_public_key" }],
    data: {},
    num_sponsoring: 0,
    num_sponsored: 0,
    paging_token: a.id,
  };
}

/** result_meta_xdr and fee_meta_xdr are left out: the emulator keeps no ledger entry changes. */
export function transactionResource(base: string, t: LedgerTransaction) {
  const self = `${base}/transactions/${t.hash}`;
  const token = pagingToken(t).toString();
  const { timeBounds } = t;
  return {
    _links: {
      self: link(self),
      account: link(`${base}/accounts/${t.source}`),
      ledger: link(`${base}/ledgers/${t.ledger}`),
      operations: link(`${self}/operations{?cursor,limit,order}`, true),
      effects: link(`${self}/effects{?cursor,limit,order}`, true),
      precedes: link(`${base}/transactions?order=asc&cursor=${token}`),
      succeeds: link(`${base}/transactions?order=desc&cursor=${token}`),
      transaction: link(self),
    },
    id: t.hash,
    paging_token: token,
    successful: t.successful,
    hash: t.hash,
    ledger: t.ledger,
    created_at: isoSeconds(t.createdAt),
    source_account: t.source,
    source_account_sequence: t.sequence.toString(),
    fee_account: t.source,
    fee_charged: t.feeCharged.toString(),
    max_fee: t.maxFee.toString(),
    operation_count: t.operationCount,
    envelope_xdr: t.envelopeXdr,
    result_xdr: t.resultXdr,
    memo_type: t.memoType,
    ...(t.memo === null ? {} : { memo: t.memo }),
    ...(t.memoBytes === null ? {} : { memo_bytes: t.memoBytes }),
    signatures: t.signatures,
    ...(timeBounds
      ? {
          valid_after: isoSeconds(Number(timeBounds.minTime) * 1000),
          ...(timeBounds.maxTime === "0" ? {} : { valid_before: isoSeconds(Number(timeBounds.maxTime) * 1000) }),
          preconditions: { timebounds: { min_time: timeBounds.minTime, ...(timeBounds.maxTime === "0" ? {} : { max_time: timeBounds.maxTime }) } },
        }
      : {}),
  };
}

export interface PageQuery {
  order: "asc" | "desc";
  limit: number;
  cursor: bigint | undefined;
  includeFailed: boolean;
}

/** A page of Horizon records, with next/prev links that carry on from its last and first record. */
export function transactionsPage(base: string, path: string, q: PageQuery, all: LedgerTransaction[]) {
  const inOrder = q.order === "asc" ? all : [...all].reverse();
  const after = (t: LedgerTransaction) => q.cursor === undefined || (q.order === "asc" ? pagingToken(t) > q.cursor : pagingToken(t) < q.cursor);
  const records = inOrder.filter((t) => (q.includeFailed || t.successful) && after(t)).slice(0, q.limit);
  const pageLink = (cursor: string, order: string) =>
    link(`${base}${path}?cursor=${cursor}&limit=${q.limit}&order=${order}${q.includeFailed ? "&include_failed=true" : ""}`);
  const first = records[0];
  const last = records[records.length - 1];
  const cursorAt = (t: LedgerTransaction | undefined) => (t ? pagingToken(t).toString() : (q.cursor?.toString() ?? ""));
  return {
    _links: {
      self: pageLink(q.cursor?.toString() ?? "", q.order),
      next: pageLink(cursorAt(last), q.order),
      prev: pageLink(cursorAt(first), q.order === "asc" ? "desc" : "asc"),
    },
    _embedded: { records: records.map((t) => transactionResource(base, t)) },
  };
}

/** Every percentile is Pi's flat fee: the emulator's ledgers are never congested. */
export function feeStatsResource(latestLedger: number) {
  const fee = BASE_FEE.toString();
  const spread = Object.fromEntries(["max", "min", "mode", "p10", "p20", "p30", "p40", "p50", "p60", "p70", "p80", "p90", "p95", "p99"].map((k) => [k, fee]));
  return { last_ledger: latestLedger.toString(), last_ledger_base_fee: fee, ledger_capacity_usage: "0.01", fee_charged: spread, max_fee: spread };
}

export function rootResource(base: string, passphrase: string, latestLedger: number) {
  return {
    _links: {
      account: link(`${base}/accounts/{account_id}`, true),
      fee_stats: link(`${base}/fee_stats`),
      transaction: link(`${base}/transactions/{hash}`, true),
    },
    horizon_version: "pi-emulator",
    core_version: "pi-emulator",
    history_latest_ledger: latestLedger,
    core_latest_ledger: latestLedger,
    network_passphrase: passphrase,
  };
}
