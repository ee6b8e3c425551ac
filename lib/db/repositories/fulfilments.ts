import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { fulfilments } from "@/lib/db/schema";

export type FulfilmentRow = typeof fulfilments.$inferSelect;

/** One row per order the fulfilment hook delivered. */
export async function insertFulfilment(db: Database, values: { orderId: string; userUid: string; productId: string }) {
  await db.insert(fulfilments).values(values);
}

/** Everything delivered to a Pioneer, oldest first. */
export function listFulfilmentsOf(db: Database, userUid: string): Promise<FulfilmentRow[]> {
  return db.select().from(fulfilments).where(eq(fulfilments.userUid, userUid)).orderBy(asc(fulfilments.createdAt));
}
