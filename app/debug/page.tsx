import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AttentionList, BrowserChecks, CheckList, PayoutsCard, RunReconciler } from "@/components/diagnostics";
import { Card, PageTitle } from "@/components/ui";
import { isAdmin, pageViewer } from "@/lib/auth";
import { publicEnv } from "@/lib/config/public";
import { collectDiagnostics } from "@/lib/diagnostics";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Diagnostics", robots: { index: false, follow: false } };

/**
 * /debug: the app's health, for the Pioneers in ADMIN_UIDS (anyone in development against the emulator). Everyone else
 * gets a 404, as if it did not exist. It reads the session cookie: pages get no bearer token.
 */
export default async function DebugPage() {
  const viewer = await pageViewer();
  if (!isAdmin(viewer?.uid ?? null)) notFound();
  const report = await collectDiagnostics();
  return (
    <>
      <PageTitle>Diagnostics</PageTitle>
      <p className="muted">What this deployment looks like from the server and from this browser. Each line that is not OK says how to fix it.</p>
      <Card aria-labelledby="server-heading">
        <h2 id="server-heading">Server</h2>
        <CheckList checks={report.checks} />
      </Card>
      <Card aria-labelledby="browser-heading">
        <h2 id="browser-heading">This browser</h2>
        <BrowserChecks sandbox={publicEnv.NEXT_PUBLIC_PI_SANDBOX} />
      </Card>
      <AttentionList id="needs-review" title="Orders to review" empty="No order needs review." items={report.needsReview} />
      <AttentionList id="stale-orders" title="Unsettled for over 10 minutes" empty="No order has waited that long." items={report.stale} />
      <AttentionList id="payment-reviews" title="Payments without a matching order" empty="None." items={report.reviews} />
      <PayoutsCard report={report.payouts} />
      <Card aria-labelledby="reconciler-heading">
        <h2 id="reconciler-heading">Reconciler</h2>
        <RunReconciler />
      </Card>
    </>
  );
}
