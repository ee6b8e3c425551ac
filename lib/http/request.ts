import type { z } from "zod";
import { AppError } from "./errors";

const maxBodyBytes = 16 * 1024;

/** Reads and validates a JSON body; anything malformed is the client's fault (400), never a 500. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await request.text().catch(() => "");
  if (text.length > maxBodyBytes) throw new AppError(413, "payload_too_large", "The request body is too large.");
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError(400, "invalid_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "body";
      (fields[key] ??= []).push(issue.message);
    }
    throw new AppError(400, "invalid_request", "The request body is invalid.", fields);
  }
  return parsed.data;
}
