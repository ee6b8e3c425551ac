import "server-only";
import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";

/**
 * PGlite with each distinct statement prepared once and planned from then on by PostgreSQL's plan
 * cache. PGlite's own `query` parses, describes and plans every statement each time (six calls
 * into its engine); here a repeat is one call: bind, execute and sync. On PGlite there is no pooler
 * that named statements could break. docs/PERFORMANCE.md has the figures.
 *
 * Only `query` changes, in and out of transactions; everything else is PGlite's own. It takes the
 * same locks as PGlite's `query`, so a statement never runs inside another caller's transaction.
 */
export function withPreparedStatements(pg: PGlite, options: { maxStatements?: number } = {}): PGlite {
  const statements = new StatementCache(pg, options.maxStatements ?? defaultMaxStatements);
  // Outside a transaction PGlite's `query` holds both locks: the transaction's, then the query's.
  const topLevel = <T>(run: () => Promise<T>) => pg._runExclusiveTransaction(() => pg._runExclusiveQuery(run));
  const inTransaction = <T>(run: () => Promise<T>) => pg._runExclusiveQuery(run);

  const query = async <T>(text: string, params: unknown[] = [], queryOptions?: QueryOptions): Promise<Results<T>> => {
    await pg._checkReady();
    return topLevel(() => statements.run<T>(text, params, queryOptions, true));
  };
  const transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> =>
    pg.transaction((tx) => {
      const txQuery = async <R>(text: string, params: unknown[] = [], queryOptions?: QueryOptions): Promise<Results<R>> => {
        if (tx.closed) throw new Error("Transaction is closed");
        return inTransaction(() => statements.run<R>(text, params, queryOptions, false));
      };
      return callback(new Proxy(tx, { get: (target, key) => (key === "query" ? txQuery : (Reflect.get(target, key) as unknown)) }));
    });

  return new Proxy(pg, {
    get(target, key) {
      if (key === "query") return query;
      if (key === "transaction") return transaction;
      const value: unknown = Reflect.get(target, key, target);
      // PGlite's methods use private fields, so they must run on PGlite itself, not on the proxy.
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Enough for every statement the app's queries build; beyond it the least recently used is closed. */
const defaultMaxStatements = 200;

/** SQLSTATEs after which a cached statement is prepared again: it was deallocated, or a table changed under it. */
const staleStatement = new Set(["26000", "0A000"]);

type BackendMessage = Awaited<ReturnType<PGlite["execProtocol"]>>["messages"][number];
type Prepared = { name: string; paramTypes: number[]; rowDescription: BackendMessage | undefined };

let nextStatementId = 0;

class StatementCache {
  private readonly byText = new Map<string, Prepared>();

  constructor(
    private readonly pg: PGlite,
    private readonly max: number,
  ) {}

  /**
   * Runs `text` with `params`; the caller holds PGlite's locks. A statement found stale is prepared
   * again and, outside a transaction, run again; inside one the error has already aborted it.
   */
  async run<T>(text: string, params: unknown[], options: QueryOptions | undefined, topLevel: boolean, retried = false): Promise<Results<T>> {
    const statement = await this.prepared(text);
    const values = params.map((value, index) => this.serialize(value, statement.paramTypes[index], options));
    let messages: BackendMessage[];
    try {
      // PGlite's own query writes its files back after a statement outside a transaction, not inside one.
      ({ messages } = await this.pg.execProtocol(Buffer.concat([protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), protocol.serialize.sync()]), { syncToFs: topLevel }));
    } catch (error) {
      if (!staleStatement.has((error as { code?: string }).code ?? "")) throw error;
      this.byText.delete(text);
      await this.close(statement.name).catch(() => undefined);
      if (!topLevel || retried) throw error;
      return this.run(text, params, options, topLevel, true);
    }
    // Execute answers without the row description; the one the statement was described with applies.
    const [result] = parse.parseResults(statement.rowDescription ? [statement.rowDescription, ...messages] : messages, this.pg.parsers, options);
    return result as Results<T>;
  }

  private async prepared(text: string): Promise<Prepared> {
    const cached = this.byText.get(text);
    if (cached) {
      this.byText.delete(text);
      this.byText.set(text, cached); // most recently used last
      return cached;
    }
    const name = `app_s${++nextStatementId}`;
    const { messages } = await this.pg.execProtocol(Buffer.concat([protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync()]), { syncToFs: false });
    const parameters = messages.find((message) => message.name === "parameterDescription") as { dataTypeIDs: number[] } | undefined;
    const statement: Prepared = { name, paramTypes: parameters?.dataTypeIDs ?? [], rowDescription: messages.find((message) => message.name === "rowDescription") };
    this.byText.set(text, statement);
    if (this.byText.size > this.max) await this.evictOldest();
    return statement;
  }

  private async evictOldest(): Promise<void> {
    const [text, oldest] = this.byText.entries().next().value as [string, Prepared];
    this.byText.delete(text);
    await this.close(oldest.name);
  }

  private async close(name: string): Promise<void> {
    await this.pg.execProtocol(Buffer.concat([protocol.serialize.close({ type: "S", name }), protocol.serialize.sync()]), { syncToFs: false });
  }

  /** As PGlite's `query` serializes a parameter: by the type PostgreSQL inferred for it. */
  private serialize(value: unknown, type: number | undefined, options: QueryOptions | undefined): string | null {
    if (value === null || value === undefined) return null;
    const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? this.pg.serializers[type]);
    if (serializer) return serializer(value);
    // Without one PGlite sends the value's own string form; so do we.
    return (value as { toString(): string }).toString();
  }
}
