import Link from "next/link";

/** The pages every listed app needs, on every page. */
export function SiteFooter({ name }: { name: string }) {
  return (
    <footer className="site-footer">
      <nav aria-label="About">
        <Link href="/privacy">Privacy</Link>
        <Link href="/terms">Terms</Link>
      </nav>
      <p className="muted">{name} takes payments in Pi only.</p>
    </footer>
  );
}
