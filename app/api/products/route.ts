import { catalog } from "@/lib/shop";

export const runtime = "nodejs";

/** GET → {products}: the server's catalog, the only source of prices. */
export function GET() {
  return Response.json({ products: catalog });
}
