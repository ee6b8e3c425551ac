import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCpuTimes, stolenShare } from "@/scripts/perf/machine";

function statFile(firstLine: string): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "stat-")), "stat");
  writeFileSync(file, `${firstLine}\ncpu0 1 2 3 4 5 6 7 8 0 0\n`);
  return file;
}

describe("the bench's reading of the host's stolen CPU time", () => {
  it("reads steal and the total from /proc/stat's first line", () => {
    // user nice system idle iowait irq softirq steal guest guest_nice
    expect(readCpuTimes(statFile("cpu  100 0 50 800 10 0 5 35 20 0"))).toEqual({ steal: 35, total: 1000 });
  });

  it("gives the share the host took between two readings", () => {
    expect(stolenShare({ steal: 35, total: 1000 }, { steal: 85, total: 1200 })).toBeCloseTo(0.25);
    expect(stolenShare({ steal: 35, total: 1000 }, { steal: 35, total: 1000 })).toBe(0);
  });

  it("has no reading where there is no /proc/stat", () => {
    expect(readCpuTimes(path.join(os.tmpdir(), "no-such-dir", "stat"))).toBeNull();
    expect(readCpuTimes(statFile("intr 1 2 3"))).toBeNull();
  });
});
