import { requireCaller } from "@/lib/auth";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

/** GET → {user} for a live session (cookie or bearer), 401 otherwise. */
export const GET = route("auth.session", async (request) => {
  const { user } = await requireCaller(request);
  return Response.json({ user }, { headers: { "Cache-Control": "no-store" } });
});
