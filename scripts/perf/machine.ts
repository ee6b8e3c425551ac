import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

/** The conditions of a measurement: other engineers share this machine, so every figure carries its load. */
export function machineLine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
  const load = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  return `[machine] ${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${load} at ${new Date().toISOString()}`;
}

/** Versions of the outside programs a run used, for the record. */
export function toolVersions(): string {
  const version = (file: string, args: string[]) => {
    try {
      return execFileSync(file, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim().split("\n").at(-1) ?? "?";
    } catch {
      return "not found";
    }
  };
  return `Chromium: ${version(process.env.CHROME_PATH ?? "/usr/bin/chromium", ["--version"])}; PostgreSQL: ${version("/usr/lib/postgresql/15/bin/postgres", ["--version"])}`;
}
