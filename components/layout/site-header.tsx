import { AppLink } from "@/components/ui/app-link";
import { SessionControl } from "@/components/session";
import { SiteNav } from "./site-nav";

/** The app's name (from the server's configuration) and account corner, then the navigation. */
export function SiteHeader({ name }: { name: string }) {
  return (
    <header className="site-header">
      <div className="site-header-bar">
        <AppLink href="/" className="brand">
          {name}
        </AppLink>
        <SessionControl />
      </div>
      <SiteNav />
    </header>
  );
}
