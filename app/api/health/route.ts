import { getDb } from "@/lib/db";
import { route } from "@/lib/http/route";
import { sql } from "drizzle-orm";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Readiness: the server answers and its database is reachable (and migrated). */
export const GET = route("health", async () => {
  const db = await getDb();
  await db.execute(sql`select 1`);
  return Response.json({ status: "ok" });
});
