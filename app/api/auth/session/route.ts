import { hasSignedOutMark, isAdmin, requireCaller } from "@/lib/auth";
import { AppError } from "@/lib/contract";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/**
 * GET → {user, admin} for a live session (cookie or bearer; `admin`: may open /debug), 401 otherwise: `signed_out` when this browser
 * signed out (the app then never signs in again by itself), `unauthenticated` when it never did.
 */
export const GET = route("auth.session", async (request) => {
  try {
    const { user } = await requireCaller(request);
    return Response.json({ user, admin: isAdmin(user.uid) });
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated" && hasSignedOutMark(request.headers.get("cookie"))) {
      throw new AppError("signed_out", "You signed out on this device. Sign in with Pi to continue.");
    }
    throw error;
  }
});
