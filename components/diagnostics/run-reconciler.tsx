"use client";

import { useState } from "react";
import { Button, Notice } from "@/components/ui";
import { api } from "@/lib/client/api";

/** "Run the reconciler now": settles every Pioneer's orders from Pi's records and says what it did. */
export function RunReconciler() {
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState("");

  const run = async () => {
    setRunning(true);
    setMessage("");
    try {
      // The run may use its whole budget (45 s, lib/jobs) and then some: longer than a Pioneer's request.
      const { counts } = await api<{ counts: Record<string, number> }>("/api/admin/reconcile", { method: "POST", timeoutMs: 75_000 });
      const done = Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${name} ${n}`);
      setMessage(`Done: ${done.join(", ") || "nothing to do"}. Reload to see the lists change.`);
    } catch (error) {
      setMessage(`The reconciler did not run: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setRunning(false);
    }
  };

  return (
    <>
      <Button onClick={() => void run()} disabled={running}>
        {running ? "Running…" : "Run the reconciler now"}
      </Button>
      <Notice role="status" data-testid="reconciler-result">
        {message}
      </Notice>
    </>
  );
}
