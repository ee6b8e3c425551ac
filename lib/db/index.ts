import "server-only";

export { closeDb, createDatabase, getDb, getDbHandle } from "@/lib/db/client";
export type { Database, DatabaseHandle, DbConfig, Engine, MigrationResult, Transaction } from "@/lib/db/client";
export * from "@/lib/db/schema";
