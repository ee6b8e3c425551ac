import { Shop } from "@/components/shop";
import { catalog } from "@/lib/payments/catalog";

export default function HomePage() {
  return (
    <main className="page">
      <header className="hero">
        <h1>Pi Starter</h1>
        <p className="muted">Sign in with Pi, buy something, and watch the order settle.</p>
      </header>
      <Shop products={catalog} />
    </main>
  );
}
