// The framework's floor for `npm run bench -- --overhead`: a route handler that only answers JSON.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" });
}
