import type { Metadata } from "next";
import { ExternalLink, PageTitle } from "@/components/ui";
import { site } from "@/lib/shop/site";

export const metadata: Metadata = { title: "Privacy" };

/**
 * A starting point, true of the template as shipped. Change it to say what your app collects and
 * who to write to: Pi's listing review reads this page.
 */
export default function PrivacyPage() {
  return (
    <div className="prose">
      <PageTitle>Privacy</PageTitle>
      <p className="muted">Last updated: [date]. Replace the bracketed parts before you apply for a listing.</p>
      <h2>What {site.name} keeps</h2>
      <ul>
        <li>Your Pi user id and, if you allow it, your Pi username, from Pi when you sign in with Pi.</li>
        <li>Your orders: what you bought, the amount in π, when, and the ids of the Pi payment and its transaction.</li>
        <li>A session, so you stay signed in: a random token, stored only as a keyed hash. It ends after 30 days or when you sign out.</li>
      </ul>
      <h2>What it does not keep</h2>
      <p>No e-mail address, phone number, wallet seed or Pi access token. No advertising or analytics trackers.</p>
      <h2>Why</h2>
      <p>To sign you in, to take your payments, to deliver what you bought, and to settle a payment if something goes wrong on the way.</p>
      <h2>Who sees it</h2>
      <p>
        [Your name or company] runs this app. Pi Network processes your sign-in and payments under its own privacy policy, published on{" "}
        <ExternalLink href="https://minepi.com">minepi.com</ExternalLink>.
      </p>
      <h2>Your choices</h2>
      <p>Write to [contact address] to see or delete what the app keeps about you. Orders may be kept as long as the law requires for payments.</p>
    </div>
  );
}
