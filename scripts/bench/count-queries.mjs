// Preloaded into a bench instance of `next start` (node --import), never into production: counts
// the statements the app sends to the database, per statement, for the bench to read between
// requests at http://127.0.0.1:$BENCH_QUERY_COUNTER_PORT (GET answers the counts and resets them).
import { createRequire } from "node:module";
import http from "node:http";
import process from "node:process";

const require = createRequire(`${process.cwd()}/package.json`);
const counts = new Map();
const count = (text) => {
  const key = String(typeof text === "object" && text !== null ? text.text : text).replace(/\s+/g, " ").slice(0, 120);
  counts.set(key, (counts.get(key) ?? 0) + 1);
};

// node-postgres: pool.query and transactions both end in Client.prototype.query.
const { Client } = require("pg");
const pgQuery = Client.prototype.query;
Client.prototype.query = function (config, ...rest) {
  count(config);
  return pgQuery.call(this, config, ...rest);
};

// PGlite: both builds (the app's dynamic import may load either); a transaction's own handle is
// counted through the callback, plus its BEGIN and COMMIT.
function patchPglite(PGlite) {
  const { query, exec, transaction } = PGlite.prototype;
  PGlite.prototype.query = function (text, ...rest) {
    count(text);
    return query.call(this, text, ...rest);
  };
  PGlite.prototype.exec = function (text, ...rest) {
    count(text);
    return exec.call(this, text, ...rest);
  };
  PGlite.prototype.transaction = function (callback) {
    count("begin");
    return transaction
      .call(this, (tx) => {
        const wrapped = Object.create(tx);
        wrapped.query = (text, ...rest) => (count(text), tx.query(text, ...rest));
        wrapped.exec = (text, ...rest) => (count(text), tx.exec(text, ...rest));
        return callback(wrapped);
      })
      .finally(() => count("commit"));
  };
}
patchPglite(require("@electric-sql/pglite").PGlite);
patchPglite((await import("@electric-sql/pglite")).PGlite);

const port = Number(process.env.BENCH_QUERY_COUNTER_PORT);
if (port) {
  http
    .createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify(Object.fromEntries(counts)));
      counts.clear();
    })
    .listen(port, "127.0.0.1")
    .unref();
}
