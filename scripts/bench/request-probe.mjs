// Preloaded into a bench instance of `next start` (node --import), never into production: counts
// the statements the app sends to the database, per statement, and adds up how long the app waited
// for the database and for Pi's API. The bench reads it between requests at
// http://127.0.0.1:$BENCH_QUERY_COUNTER_PORT (GET answers what it holds and starts again from zero).
import { createRequire } from "node:module";
import http from "node:http";
import https from "node:https";
import { performance } from "node:perf_hooks";
import { Buffer } from "node:buffer";
import process from "node:process";

const require = createRequire(`${process.cwd()}/package.json`);
const statements = new Map();
const waits = { dbMs: 0, piMs: 0, piCalls: 0 };
const count = (text) => {
  const key = String(typeof text === "object" && text !== null ? text.text : text).replace(/\s+/g, " ").slice(0, 120);
  statements.set(key, (statements.get(key) ?? 0) + 1);
};
const waitedForDb = (started) => {
  waits.dbMs += performance.now() - started;
};

/** Calls `run` and adds the time until its answer (promise or callback) to the database's wait. */
function timed(run, args) {
  const started = performance.now();
  const callback = args.findIndex((arg) => typeof arg === "function");
  if (callback >= 0) {
    const answer = args[callback];
    args[callback] = (...results) => {
      waitedForDb(started);
      return answer(...results);
    };
    return run(args);
  }
  const result = run(args);
  // A promise is timed; anything else (pg's submittables, cursors) is passed through untimed.
  if (result && typeof result.then === "function") result.then(() => waitedForDb(started), () => waitedForDb(started));
  return result;
}

// node-postgres: pool.query and transactions both end in Client.prototype.query.
const { Client } = require("pg");
const pgQuery = Client.prototype.query;
Client.prototype.query = function (config, ...rest) {
  count(config);
  return timed((args) => pgQuery.call(this, config, ...args), rest);
};

/** The C string at `offset` of a wire protocol message, and where the next field starts. */
function cString(bytes, offset) {
  const end = bytes.indexOf(0, offset);
  return [Buffer.from(bytes.subarray(offset, end)).toString("utf8"), end + 1];
}

// PGlite: both builds (the app's dynamic import may load either); a transaction's own handle is
// counted through the callback, plus its BEGIN and COMMIT (counted, not timed). Statements the app
// prepares once (lib/db/pglite-prepared.ts) reach PGlite as wire messages: a Parse names the
// statement's text, and each Bind after it is one statement run, counted and timed.
function patchPglite(PGlite) {
  const { query, exec, transaction, execProtocol } = PGlite.prototype;
  const preparedTexts = new Map();
  PGlite.prototype.execProtocol = function (message, ...rest) {
    const type = String.fromCharCode(message[0]);
    if (type === "P") {
      const [name, next] = cString(message, 5);
      preparedTexts.set(name, cString(message, next)[0]);
      return execProtocol.call(this, message, ...rest);
    }
    if (type !== "B") return execProtocol.call(this, message, ...rest);
    const [, next] = cString(message, 5); // the portal's name, then the statement's
    count(preparedTexts.get(cString(message, next)[0]) ?? "prepared statement");
    return timed((args) => execProtocol.call(this, message, ...args), rest);
  };
  PGlite.prototype.query = function (text, ...rest) {
    count(text);
    return timed((args) => query.call(this, text, ...args), rest);
  };
  PGlite.prototype.exec = function (text, ...rest) {
    count(text);
    return timed((args) => exec.call(this, text, ...args), rest);
  };
  PGlite.prototype.transaction = function (callback) {
    count("begin");
    return transaction
      .call(this, (tx) => {
        const wrapped = Object.create(tx);
        wrapped.query = (text, ...rest) => (count(text), timed((args) => tx.query(text, ...args), rest));
        wrapped.exec = (text, ...rest) => (count(text), timed((args) => tx.exec(text, ...args), rest));
        return callback(wrapped);
      })
      .finally(() => count("commit"));
  };
}
patchPglite(require("@electric-sql/pglite").PGlite);
patchPglite((await import("@electric-sql/pglite")).PGlite);

// Pi's API: the app's requests to PI_API_BASE_URL (lib/pi/transport.ts, over node:http or
// node:https), from sending until the whole answer is read: the time on the wire and in Pi.
const piBase = process.env.PI_API_BASE_URL;
const urlOf = (target) => (typeof target === "string" ? target : target instanceof globalThis.URL ? target.href : "");
for (const module of [http, https]) {
  const send = module.request;
  module.request = function (target, ...rest) {
    const request = send.call(this, target, ...rest);
    if (!piBase || !urlOf(target).startsWith(piBase)) return request;
    const started = performance.now();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      waits.piMs += performance.now() - started;
      waits.piCalls += 1;
    };
    request.once("error", finish);
    request.once("response", (response) => response.once("end", finish).once("close", finish));
    return request;
  };
}

const port = Number(process.env.BENCH_QUERY_COUNTER_PORT);
if (port) {
  http
    .createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ statements: Object.fromEntries(statements), ...waits }));
      statements.clear();
      Object.assign(waits, { dbMs: 0, piMs: 0, piCalls: 0 });
    })
    // A busy port must not take the app down with it: the bench then has no split, and says so.
    .on("error", (error) => process.stderr.write(`request probe: no counter on port ${port}: ${error.message}\n`))
    .listen(port, "127.0.0.1")
    .unref();
}
