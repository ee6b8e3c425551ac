/**
 * Vitest globalSetup: a throwaway PostgreSQL server for the database tests' PostgreSQL half.
 *
 * When a server binary is installed (/usr/lib/postgresql/<version>/bin), a fresh cluster is
 * created in a temp directory, started on 127.0.0.1 on a free port and provided to tests as
 * `inject("testDatabaseUrl")`; tests create their own databases on it (tests/helpers/db-engines.ts).
 * Without one, tests get null and run on PGlite only, except under CI=true, which must run both.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** A database on the throwaway server, or null when PostgreSQL is not installed (never under CI). */
    testDatabaseUrl: string | null;
  }
}

const run = promisify(execFile);
const POSTGRES_ROOT = "/usr/lib/postgresql";
const USER = "app";

/** The bin directory of the highest installed PostgreSQL version, if any. */
function findPostgresBin(): string | undefined {
  if (!existsSync(POSTGRES_ROOT)) return undefined;
  const versions = readdirSync(POSTGRES_ROOT)
    .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(path.join(POSTGRES_ROOT, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(POSTGRES_ROOT, versions[0], "bin");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

const quote = (arg: string) => `'${arg.replaceAll("'", `'\\''`)}'`;
const asRoot = process.getuid?.() === 0;

/** Postgres refuses to run as root; there, each command goes through `su postgres`. */
function command(file: string, args: string[]): [string, string[]] {
  if (!asRoot) return [file, args];
  return ["su", ["postgres", "-s", "/bin/sh", "-c", [file, ...args].map(quote).join(" ")]];
}

async function exec(file: string, args: string[]) {
  const [cmd, cmdArgs] = command(file, args);
  try {
    await run(cmd, cmdArgs);
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${path.basename(file)} failed: ${(stderr || stdout || String(error)).trim()}`, { cause: error });
  }
}

export default async function setup(project: TestProject) {
  const bin = findPostgresBin();
  if (!bin) {
    if (/^(true|1)$/i.test(process.env.CI ?? "")) {
      throw new Error("CI must run the database tests on PostgreSQL too, but no server is installed: run `apt-get install -y postgresql`.");
    }
    console.warn(
      "\n[db tests] PostgreSQL is not installed, so the PostgreSQL half of the database tests is skipped (PGlite only). Install it with `apt-get install -y postgresql`.\n",
    );
    project.provide("testDatabaseUrl", null);
    return;
  }

  const started = performance.now();
  const dir = await mkdtemp(path.join(os.tmpdir(), "pg-test-"));
  const data = path.join(dir, "data");
  const pgCtl = path.join(bin, "pg_ctl");
  let running = false;
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stopOnExit);
    if (running) await exec(pgCtl, ["-D", data, "-m", "fast", "-w", "stop"]).catch((e: unknown) => console.error(e));
    await rm(dir, { recursive: true, force: true });
  };
  // If Vitest exits without running the teardown, do not leave a server behind.
  function stopOnExit() {
    if (stopped || !running) return;
    const [cmd, args] = command(pgCtl, ["-D", data, "-m", "immediate", "-w", "stop"]);
    try {
      execFileSync(cmd, args, { stdio: "ignore" });
    } catch {
      // best effort
    }
  }
  process.on("exit", stopOnExit);

  try {
    if (asRoot) {
      const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
      const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
      await chown(dir, uid, gid);
    }
    await exec(path.join(bin, "initdb"), ["-D", data, "-U", USER, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);

    const port = await freePort();
    // Durability is pointless for a throwaway cluster; turning it off makes DDL-heavy tests faster.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      await exec(pgCtl, ["-D", data, "-l", path.join(dir, "log"), "-o", options, "-w", "start"]);
    } catch (error) {
      const log = await readFile(path.join(dir, "log"), "utf8").catch(() => "");
      throw new Error(`${(error as Error).message}\n${log.trim()}`, { cause: error });
    }
    running = true;

    const server = `postgres://${USER}@127.0.0.1:${port}`;
    const admin = new pg.Client({ connectionString: `${server}/postgres` });
    await admin.connect();
    try {
      await admin.query("create database app_test");
    } finally {
      await admin.end();
    }

    const url = `${server}/app_test`;
    console.log(`[db tests] PostgreSQL ${path.basename(path.dirname(bin))} ready at ${url} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    project.provide("testDatabaseUrl", url);
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
