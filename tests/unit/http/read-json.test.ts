// @vitest-environment node
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/contract";
import { readJson } from "@/lib/http/request";
import { httpStatus } from "@/lib/http/status";

const schema = z.object({ paymentId: z.string() });
const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request("http://app.test/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);

async function failure(request: Request) {
  const error = await readJson(request, schema).then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  const { code, fields } = error as AppError;
  return { code, fields, status: httpStatus[code] };
}

describe("readJson", () => {
  it("returns the parsed body, dropping fields the schema doesn't name", async () => {
    expect(await readJson(post(JSON.stringify({ paymentId: "p1", uid: "x" })), schema)).toEqual({ paymentId: "p1" });
  });

  it("answers 400 for malformed JSON, invalid UTF-8 and wrong shapes, naming the field", async () => {
    expect((await failure(post("{oops"))).status).toBe(400);
    expect((await failure(post(new Uint8Array([0x7b, 0xff, 0x7d])))).code).toBe("invalid_request");
    const wrong = await failure(post(JSON.stringify({ paymentId: 7 })));
    expect(wrong.status).toBe(400);
    expect(Object.keys(wrong.fields ?? {})).toEqual(["paymentId"]);
  });

  it("refuses an oversized body by its declared length, before reading it", async () => {
    const error = await failure(post("{}", { "content-length": String(10 * 1024 * 1024) }));
    expect([error.status, error.code]).toEqual([413, "payload_too_large"]);
  });

  it("stops reading a streamed body once it passes the limit", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        if (pulled > 1000) controller.close();
        else controller.enqueue(new Uint8Array(1024).fill(32));
      },
    });
    expect((await failure(post(stream))).status).toBe(413);
    expect(pulled).toBeLessThan(40);
  });
});
