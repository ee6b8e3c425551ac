// `npm run bench`'s Next.js yardstick: the purchase routes of scripts/bench/reference-routes.ts in a
// bare route handler, what the framework alone costs. The path climbs out of this project because
// scripts/perf/baseline.ts builds it with that file at the same place beside it.
import { createReferenceRoutes, type ReferenceProducts, type ReferenceRoutes } from "../../../../../bench/reference-routes";

export const dynamic = "force-dynamic";

let routes: ReferenceRoutes | undefined;

async function answer(request: Request): Promise<Response> {
  routes ??= createReferenceRoutes({ baseUrl: process.env.PI_API_BASE_URL ?? "", apiKey: process.env.PI_API_KEY ?? "" }, JSON.parse(process.env.REFERENCE_PRODUCTS ?? "{}") as ReferenceProducts);
  const body = request.method === "POST" ? ((await request.json()) as Record<string, string>) : {};
  const [status, payload] = await routes(new URL(request.url).pathname, body, request.headers.get("authorization"));
  return Response.json(payload, { status });
}

export const GET = answer;
export const POST = answer;
