import type { Metadata } from "next";
import { PageTitle } from "@/components/ui";
import { site } from "@/lib/shop/site";

export const metadata: Metadata = { title: "Terms" };

/** A starting point: change it to your own terms before you apply for a listing. */
export default function TermsPage() {
  return (
    <div className="prose">
      <PageTitle>Terms</PageTitle>
      <p className="muted">Last updated: [date]. Replace the bracketed parts before you apply for a listing.</p>
      <h2>Who we are</h2>
      <p>{site.name} is run by [your name or company], [country]. Write to [contact address].</p>
      <h2>Paying</h2>
      <p>
        Prices are in Pi (π) and are shown before you pay. You confirm every payment in your Pi wallet; nothing is charged unless you do. An order you do not pay within 30
        minutes expires.
      </p>
      <h2>What you get</h2>
      <p>What each product delivers is described next to it and appears under “What you own” once your payment is complete. [Describe delivery, duration and refunds.]</p>
      <h2>If something goes wrong</h2>
      <p>If a payment went through and you did not get what you paid for, write to [contact address] with the order shown under “Your orders”.</p>
      <h2>Changes</h2>
      <p>We may change these terms; the date above says when they last changed.</p>
    </div>
  );
}
