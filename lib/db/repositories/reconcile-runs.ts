import "server-only";
import { desc, lt } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { reconcileRuns } from "@/lib/db/schema";

export type ReconcileRunRow = typeof reconcileRuns.$inferSelect;

export async function insertReconcileRun(db: Database, run: Omit<ReconcileRunRow, "id">) {
  await db.insert(reconcileRuns).values(run);
}

export async function lastReconcileRun(db: Database): Promise<ReconcileRunRow | null> {
  const [row] = await db.select().from(reconcileRuns).orderBy(desc(reconcileRuns.startedAt)).limit(1);
  return row ?? null;
}

export async function deleteReconcileRunsBefore(db: Database, before: Date): Promise<number> {
  const deleted = await db.delete(reconcileRuns).where(lt(reconcileRuns.startedAt, before)).returning({ id: reconcileRuns.id });
  return deleted.length;
}
