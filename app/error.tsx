"use client";

import { Button, PageTitle } from "@/components/ui";

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <>
      <PageTitle>Something went wrong</PageTitle>
      <Button onClick={reset}>Try again</Button>
    </>
  );
}
