import path from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      "@": root,
      // Vitest has no react-server condition, so the real module would throw.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "jsdom",
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-postgres.ts"],
    testTimeout: 30_000,
    // Route handlers log a JSON line per request: show what a test wrote only when it fails.
    silent: "passed-only",
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
