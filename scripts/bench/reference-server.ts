import http from "node:http";
import { catalog, memoFor } from "../../lib/shop/catalog";
import { createReferenceRoutes, type ReferenceProducts } from "./reference-routes";

/** The app's catalog as the yardsticks take it: each product's amount and memo. */
export function referenceProducts(): ReferenceProducts {
  return Object.fromEntries(catalog.map((product) => [product.id, { amount: Number(product.price), memo: memoFor(product) }]));
}

/**
 * The bench's yardstick: a bare node:http server answering the purchase routes of
 * reference-routes.ts. What the app costs above it is what Next, the database and our own code cost.
 */
export async function startReferenceServer(port: number, pi: { baseUrl: string; apiKey: string }) {
  const answer = createReferenceRoutes(pi, referenceProducts());
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void answer(req.url ?? "", JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<string, string>, req.headers.authorization ?? null).then(([status, body]) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
