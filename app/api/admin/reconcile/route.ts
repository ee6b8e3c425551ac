import { requireAdmin } from "@/lib/auth";
import { route } from "@/lib/http/route";
import { runScheduledJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";
export const maxDuration = 60;

/** POST → {counts}: the diagnostics page's "Run the reconciler now", for admins only (404 for anyone else). */
export const POST = route("admin.reconcile", async (request) => {
  await requireAdmin(request);
  return Response.json({ counts: await runScheduledJobs("admin", { budgetMs: 45_000 }) });
});
