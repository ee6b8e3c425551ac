import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

type CpuTimes = { steal: number; total: number };

/** The machine's CPU time so far, from /proc/stat's first line (null where there is none). */
export function readCpuTimes(stat = "/proc/stat"): CpuTimes | null {
  try {
    const fields = (readFileSync(stat, "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
    if (fields[0] !== "cpu") return null;
    // user nice system idle iowait irq softirq steal (guest time is already inside user).
    const ticks = fields.slice(1, 9).map(Number);
    return { steal: ticks[7] ?? 0, total: ticks.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU time the host gave to someone else between two readings. */
export function stolenShare(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  return total > 0 ? (after.steal - before.steal) / total : 0;
}

let lastReading = readCpuTimes();

/** The load average, and (in a virtual machine) the CPU time the host took for its other guests since the last call. */
export function conditions(): string {
  const load = os.loadavg().map((n) => n.toFixed(2)).join(" ");
  const reading = readCpuTimes();
  // Under a second of CPU time (100 ticks) since the last reading says nothing about the host.
  const stolen = reading && lastReading && reading.total - lastReading.total >= 100 ? `, ${(100 * stolenShare(lastReading, reading)).toFixed(1)} % of CPU time stolen by the host since the last reading` : "";
  lastReading = reading;
  return `load average ${load}${stolen}`;
}

/** The conditions of a measurement: other engineers and other guests share this machine, so every figure carries them. */
export function machineLine(): string {
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model ?? "?";
  return `[machine] ${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${conditions()} at ${new Date().toISOString()}`;
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
