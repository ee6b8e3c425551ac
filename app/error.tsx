"use client";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="page">
      <h1>Something went wrong</h1>
      <button type="button" className="button primary" onClick={reset}>
        Try again
      </button>
    </main>
  );
}
