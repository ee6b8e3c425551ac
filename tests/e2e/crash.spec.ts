/**
 * The crash test: the production server is SIGKILLed after Pi applied a completion and before our
 * own commit. After a restart the reconciler delivers the order exactly once, Pi is asked to
 * complete it exactly once, and running the reconciler again (the route, then the CLI) does nothing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { e2eEnv, e2ePorts } from "./env";
import { expect, test } from "./fixtures";

const port = e2ePorts.crash;
const origin = `http://localhost:${port}`;
const cronSecret = "crash-test-cron-secret-0123456789";
// Its own PGlite dir: a PGlite data dir belongs to one process, and the suite's server has .data/e2e.
const pgliteDir = ".data/e2e-crash";
const env = {
  ...process.env,
  ...e2eEnv,
  PORT: String(port),
  PGLITE_DIR: pgliteDir,
  PGLITE_IN_PRODUCTION: "true",
  CRON_SECRET: cronSecret,
  RECONCILE_AFTER_SECONDS: "0",
};

type Server = { child: ChildProcess; exited: Promise<string> };
const running: Server[] = [];

/** `next start` as the leader of its own process group, so a SIGKILL reaches whatever it spawned. */
async function startServer(): Promise<Server> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port)], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? `exit ${code}`)));
  const server = { child, exited };
  running.push(server);
  // The first request opens (and on a fresh dir, creates and migrates) the database: up to ~6 s here.
  await expect
    .poll(async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`next start exited:\n${output}`);
      return fetch(`${origin}/api/health`).then((r) => r.status, () => 0);
    }, { timeout: 60_000, intervals: [250] })
    .toBe(200);
  return server;
}

function killGroup(server: Server, signal: NodeJS.Signals): Promise<string> {
  if (server.child.pid !== undefined && server.child.exitCode === null && server.child.signalCode === null) process.kill(-server.child.pid, signal);
  return server.exited;
}

test.afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => killGroup(server, "SIGKILL")));
});

async function api<T>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${origin}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  return { status: response.status, body: (await response.json()) as T };
}

type Order = { id: string; amount: number; memo: string; status: string };
type Owned = { productId: string; quantity?: number };
type PiPayment = { identifier: string; status: { developer_completed: boolean }; transaction: { txid: string } | null };

test("SIGKILL between Pi's completion and our commit: after a restart the reconciler delivers once, and Pi completes once", async ({ emulator }) => {
  test.setTimeout(180_000);
  rmSync(pgliteDir, { recursive: true, force: true });
  const control = <T>(method: string, path: string, body?: unknown) => emulator.control(method, path, body) as Promise<T>;
  const completions = async (paymentId: string) =>
    (await control<{ calls: { method: string; path: string }[] }>("GET", "/control/calls")).calls.filter((c) => c.method === "POST" && c.path === `/v2/payments/${paymentId}/complete`).length;

  const first = await startServer();
  const pioneer = await control<{ accessToken: string }>("POST", "/control/users", { username: "crash-pioneer" });
  const signin = await api<{ sessionToken: string }>("POST", "/api/auth/signin", { headers: { Origin: origin }, body: { accessToken: pioneer.accessToken } });
  expect(signin.status).toBe(200);
  const token = signin.body.sessionToken;
  const created = await api<{ order: Order }>("POST", "/api/orders", { token, body: { productId: "sticker-pack" } });
  expect(created.status).toBe(201);
  const order = created.body.order;
  // What Pi's SDK does on the Pioneer's phone, then our approval, then the Pioneer signs.
  const payment = await control<PiPayment>("POST", "/control/payments", { accessToken: pioneer.accessToken, amount: order.amount, memo: order.memo, metadata: { orderId: order.id } });
  expect((await api<{ order: Order }>("POST", "/api/payments/approve", { token, body: { paymentId: payment.identifier } })).body.order.status).toBe("approved");
  const { txid } = (await control<PiPayment>("POST", `/control/payments/${payment.identifier}/transaction`)).transaction ?? { txid: "" };

  // Pi applies the completion and keeps its answer until our server hangs up.
  await control("POST", "/control/faults", { method: "POST", path: "/v2/payments/*/complete", mode: "hang-after-apply" });
  const completion = fetch(`${origin}/api/payments/complete`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ paymentId: payment.identifier, txid }),
  }).then((r) => `answered ${r.status}`, () => "no answer");
  await expect.poll(() => completions(payment.identifier)).toBe(1);
  await expect.poll(async () => (await control<PiPayment>("GET", `/control/payments/${payment.identifier}`)).status.developer_completed).toBe(true);
  expect(await killGroup(first, "SIGKILL")).toBe("SIGKILL");
  expect(await completion).toBe("no answer");

  const second = await startServer();
  // Our commit never happened: Pi says completed, we still say approved, nothing was delivered.
  const before = await api<{ orders: Order[]; owned: Owned[] }>("GET", "/api/orders", { token });
  expect(before.body.orders.map((o) => [o.id, o.status])).toEqual([[order.id, "approved"]]);
  expect(before.body.owned).toEqual([]);

  const reconcile = () => api<{ counts: Record<string, number> }>("GET", "/api/cron/reconcile", { headers: { Authorization: `Bearer ${cronSecret}` } });
  const run = await reconcile();
  expect(run.status).toBe(200);
  expect(run.body.counts).toMatchObject({ examined: 1, paid: 1, failed: 0 });
  const after = await api<{ orders: Order[]; owned: Owned[] }>("GET", "/api/orders", { token });
  expect(after.body.orders.map((o) => [o.id, o.status])).toEqual([[order.id, "paid"]]);
  expect(after.body.owned).toEqual([expect.objectContaining({ productId: "sticker-pack", quantity: 1 })]);
  // Pi had already completed it: the reconciler only read Pi's record.
  expect(await completions(payment.identifier)).toBe(1);

  const again = await reconcile();
  expect(again.body.counts).toMatchObject({ examined: 0, paid: 0, cancelled: 0, expired: 0, needsReview: 0, failed: 0 });
  expect((await api<{ owned: Owned[] }>("GET", "/api/orders", { token })).body.owned).toEqual(after.body.owned);
  // The CLI opens the same PGlite dir, which belongs to one process at a time: only once told the server is stopped.
  await killGroup(second, "SIGTERM");

  const cliArgs = ["--conditions=react-server", "--import", "tsx", "scripts/reconcile.ts"];
  const refused = spawnSync(process.execPath, cliArgs, { env, encoding: "utf8" });
  expect(refused.status, "the CLI must not open the embedded database without being told the server is stopped").toBe(1);
  expect(refused.stderr).toContain("--server-stopped");
  const cli = spawn(process.execPath, [...cliArgs, "--server-stopped"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let cliOutput = "";
  cli.stdout.on("data", (chunk: Buffer) => (cliOutput += chunk.toString()));
  cli.stderr.on("data", (chunk: Buffer) => (cliOutput += chunk.toString()));
  const cliExit = await new Promise<number | null>((resolve) => cli.once("exit", resolve));
  expect(cliExit, cliOutput).toBe(0);
  const line = cliOutput.split("\n").find((l) => l.startsWith('{"event":"reconcile"'));
  expect(JSON.parse(line ?? "null"), cliOutput).toMatchObject({ trigger: "cli", examined: 0, paid: 0, failed: 0 });
  expect(await completions(payment.identifier)).toBe(1);
});
