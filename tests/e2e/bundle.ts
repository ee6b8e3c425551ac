import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { e2eEnv } from "./env";

/**
 * What the browser downloads, read from the end-to-end build (`npm run test:e2e` makes it): each
 * route's first-load chunks from Next's route stats (Next 16 prints no sizes), gzipped at level 9.
 */
export const distDir = e2eEnv.NEXT_DIST_DIR ?? ".next-e2e";

export type Chunk = { file: string; gzipped: number; holds: string };
type RouteStats = { route: string; firstLoadChunkPaths: string[] };

const gzipped = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** A chunk's exported component names (Turbopack's `e.s(["Name"`), so a failure says whose code grew. */
function holds(file: string): string {
  const names = [...readFileSync(file, "utf8").matchAll(/e\.s\(\["([A-Z]\w+)"/g)].map((m) => m[1]);
  return names.length ? [...new Set(names)].slice(0, 6).join(", ") : "framework";
}

export function firstLoad(route: string): Chunk[] {
  const stats = JSON.parse(readFileSync(path.join(distDir, "diagnostics", "route-bundle-stats.json"), "utf8")) as RouteStats[];
  const entry = stats.find((s) => s.route === route);
  if (!entry) throw new Error(`${route} is not in ${distDir}/diagnostics/route-bundle-stats.json (routes: ${stats.map((s) => s.route).join(", ")})`);
  return entry.firstLoadChunkPaths.map((file) => ({ file, gzipped: gzipped(file), holds: holds(file) })).sort((a, b) => b.gzipped - a.gzipped);
}

export const total = (chunks: Chunk[]) => chunks.reduce((sum, c) => sum + c.gzipped, 0);
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;
export const describeChunks = (chunks: Chunk[]) => chunks.map((c) => `  ${c.file} ${kb(c.gzipped)} (${c.holds})`).join("\n");

/** Every JavaScript file the browser may load, anywhere under the build's static directory. */
export function clientFiles(dir = path.join(distDir, "static")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? clientFiles(file) : file.endsWith(".js") ? [file] : [];
  });
}
