// The framework's floor for `npm run lighthouse`: a Next.js page with no client code of its own,
// shaped like our home page (a title, a sentence, a short list), built and served the same way.
const items = ["A coffee for the team", "Sticker pack", "Pro for a month"];

export default function BaselinePage() {
  return (
    <main style={{ maxWidth: "40rem", margin: "0 auto", padding: "1rem", fontFamily: "system-ui, sans-serif" }}>
      <h1>Baseline</h1>
      <p>A Next.js page with nothing of its own to hydrate: what the framework costs a phone by itself.</p>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </main>
  );
}
