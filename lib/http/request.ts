import type { z } from "zod";
import { AppError } from "@/lib/contract";

const maxBodyBytes = 16 * 1024;
const tooLarge = () => new AppError("payload_too_large", "The request body is too large.");

/** Reads at most maxBodyBytes, so an oversized body is refused without being buffered. */
async function readText(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBodyBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(chunk.value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError("invalid_request", "The request body is not valid UTF-8.");
  }
}

/** Reads and validates a JSON body; anything malformed is the client's fault (400), never a 500. */
export async function readJson<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await readText(request);
  let json: unknown;
  try {
    json = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("invalid_request", "The request body is not valid JSON.");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    // No prototype: a field named "constructor" or "toString" is just a key.
    const fields: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "body";
      (fields[key] ??= []).push(issue.message);
    }
    throw new AppError("invalid_request", "The request body is invalid.", fields);
  }
  return parsed.data;
}
