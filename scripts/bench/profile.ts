// `npm run bench -- --profile` runs this instead: one instance on PostgreSQL under `node --cpu-prof`,
// a few hundred purchases one at a time, then the hottest functions of the server's profile.
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { emulatorUrl, perfEnv, perfPorts } from "../perf/env";
import { purchaseFlow, type Target } from "../perf/flow";
import { request } from "../perf/http-client";
import { startApp, startEmulatorProcess, stopEverything, stopProcess } from "../perf/processes";
import { startPostgres } from "./postgres";
import { benchEnv } from "./targets";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

/** Self time per function, and per package (or our own code), from a V8 .cpuprofile. */
function summarise(profile: Profile, top = 25) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ?? (url.includes(".next-perf/server") ? "next server bundle (our code + next)" : url.startsWith("node:") ? "node internals" : url ? "other" : `(${functionName})`);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const key = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1)} %`.padStart(7);
  const list = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${pct(us)}  ${k}`).join("\n");
  return `By area:\n${list(byArea, 12)}\n\nBy function (self time):\n${list(byFunction, top)}`;
}

export async function profileServer(purchases = 300) {
  const dir = path.resolve(".data/perf-logs/profile");
  rmSync(dir, { recursive: true, force: true });
  await startEmulatorProcess();
  const postgres = startPostgres(perfPorts.postgres);
  try {
    const app = await startApp("app-profile", perfPorts.app, { ...perfEnv, ...benchEnv, DATABASE_URL: postgres.url }, `--cpu-prof --cpu-prof-dir=${dir}`);
    const target: Target = { origins: [`http://localhost:${perfPorts.app}`], emulator: emulatorUrl };
    for (let i = 0; i < 20; i++) await purchaseFlow(target, `warm-${i}`);
    const started = performance.now();
    for (let i = 0; i < purchases; i++) await purchaseFlow(target, `profile-${i}`);
    console.log(`${purchases} purchases one at a time in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await request("GET", `${emulatorUrl}/control/calls`);
    await stopProcess(app);
    const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("no profile was written");
    console.log(`${summarise(JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Profile)}\n\nProfile: ${path.join(dir, file)} (open it in Chrome DevTools' Performance panel)`);
  } finally {
    await stopEverything();
    postgres.stop();
  }
}
