import http from "node:http";

/**
 * A lean JSON client for the load driver: node:http with keep-alive, so the driver spends as
 * little of the machine's two cores as it can (fetch costs noticeably more per request).
 */
// An idle connection is closed after 4 s, before the servers' own 5 s keep-alive (Node's default)
// can close it under a request sent on it at that moment: a reset the app did not cause.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 4_000 });

export type Answer<T> = { status: number; body: T; ms: number };

export function request<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { Accept: "application/json", ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : null;
        } catch {
          parsed = text;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed as T, ms: performance.now() - started });
      });
      res.on("error", reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
    // Which call failed, not only how: "read ECONNRESET" alone does not say whether the app or Pi.
    req.on("error", (error) => reject(new Error(`${method} ${url}: ${error.message}`)));
    req.end(payload);
  });
}
