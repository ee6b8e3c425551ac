import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A throwaway PostgreSQL 15 cluster for the bench, as tests/setup/global-postgres.ts starts one,
 * but with the server's default durability (fsync, synchronous commit): a bench measures what
 * production pays. As root every command goes through `su postgres` (Postgres refuses root).
 */
const bin = "/usr/lib/postgresql/15/bin";
const asRoot = process.getuid?.() === 0;
const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;

function run(file: string, args: string[]) {
  const [command, commandArgs] = asRoot ? ["su", ["postgres", "-s", "/bin/sh", "-c", [file, ...args].map(quote).join(" ")]] : [file, args];
  execFileSync(command, commandArgs, { stdio: ["ignore", "ignore", "pipe"] });
}

export function postgresAvailable(): boolean {
  return existsSync(path.join(bin, "initdb"));
}

/** Starts a cluster on 127.0.0.1:`port` with a database `bench`; returns its URL and a stop function. */
export function startPostgres(port: number, maxConnections = 100): { url: string; stop: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pg-bench-"));
  if (asRoot) {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    chownSync(dir, id("-u"), id("-g"));
  }
  const data = path.join(dir, "data");
  run(path.join(bin, "initdb"), ["-D", data, "-U", "app", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=${maxConnections}`;
  run(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-o", options, "-w", "start"]);
  run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "app", "bench"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once("exit", stop);
  return { url: `postgres://app@127.0.0.1:${port}/bench`, stop };
}
