/**
 * Hostile request bodies: the route's own shape with hostile values and prototype-pollution keys,
 * any JSON, broken JSON, broken UTF-8, and sizes on both sides of the 16 KB limit.
 */
import fc from "fast-check";

export type RawBody = string | Uint8Array;

/** `{"k": v, …}` written by hand, so keys like `__proto__` stay own keys of the JSON text. */
function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? "null"}`).join(",")}}`;
}

const pollutionKeys = fc.constantFrom("__proto__", "constructor", "prototype");

/** Bodies shaped like the route's own, with hostile values and prototype-pollution keys around them. */
function shapedBodies(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<string> {
  const names = Object.keys(fields);
  const entries = fc.tuple(...names.map((name) => fields[name] as fc.Arbitrary<unknown>)).map((values) => values.map((v, i) => [names[i] as string, v] as [string, unknown]));
  return fc.oneof(
    { weight: 4, arbitrary: entries.map(objectText) },
    { weight: 2, arbitrary: fc.tuple(entries, pollutionKeys).map(([e, key]) => objectText([...e, [key, Object.fromEntries(e)]])) },
    fc.tuple(entries, pollutionKeys).map(([e, key]) => objectText([[key, Object.fromEntries(e)]])),
    fc.tuple(entries, pollutionKeys).map(([e, key]) => `{${JSON.stringify(key)}:{"prototype":${objectText(e)}}}`),
    entries.map((e) => `{${e.map(([k, v]) => `${JSON.stringify(k)}:{"__proto__":${JSON.stringify(v) ?? "null"}}`).join(",")}}`),
  );
}

const invalidJson = fc
  .oneof(
    fc.constantFrom("{", "}", "{'paymentId':'x'}", '{"paymentId":"x",}', '{"paymentId":}', "NaN", "undefined", '{"a":1}{', '"open', "[1,]", "0x10", "\ufeff", '{"a":"\u0000"}'),
    fc.jsonValue({ maxDepth: 3 }).chain((v) => {
      const text = JSON.stringify(v);
      return fc.nat({ max: Math.max(0, text.length - 1) }).map((cut) => text.slice(0, cut));
    }),
    fc.string({ unit: "binary", maxLength: 60 }),
  )
  .filter((text) => {
    if (text.trim() === "") return false;
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  });

const encoder = new TextEncoder();
const badUtf8 = fc.constantFrom([0xff], [0xfe], [0x80], [0xc3, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]);
/** A JSON body with one invalid UTF-8 sequence inside a string (or outside one). */
function invalidUtf8(field: string): fc.Arbitrary<Uint8Array> {
  return fc.tuple(badUtf8, fc.boolean()).map(([bad, inString]) => {
    const [head, tail] = inString ? [`{"${field}":"ab`, `cd"}`] : [`{"${field}":"abcd"}`, ""];
    return new Uint8Array([...encoder.encode(head), ...bad, ...encoder.encode(tail)]);
  });
}

/** Bodies from just under to well past the 16 KB limit, in one- and multi-byte characters, wide and deep. */
const limitBytes = 16 * 1024;
function hugeBodies(field: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(fc.integer({ min: limitBytes - 64, max: limitBytes + 64 }), fc.constantFrom("a", "é", "😀", "\\u0000")).map(([size, unit]) => {
      const frame = `{"${field}":""}`.length;
      const unitBytes = unit.startsWith("\\") ? unit.length : encoder.encode(unit).length;
      return `{"${field}":"${unit.repeat(Math.max(0, Math.floor((size - frame) / unitBytes)))}"}`;
    }),
    fc.constant(JSON.stringify(Array.from({ length: 40_000 }, (_, i) => i))),
    fc.constant(`${"[".repeat(20_000)}${"]".repeat(20_000)}`),
    // Nesting thousands deep, just under the limit.
    fc.constant(`${"[".repeat(8_000)}${"]".repeat(8_000)}`),
    fc.constant(`${`{"${field}":`.repeat(1_000)}1${"}".repeat(1_000)}`),
    fc.constant(`{"${field}":"${"a".repeat(300_000)}"}`),
  );
}

/** A body read as the API contract says: at most 16 KB of UTF-8 JSON, empty meaning {}. */
export type BodyVerdict = { json: unknown } | "too_large" | "not_utf8" | "not_json";

export function readBody(raw: RawBody): BodyVerdict {
  const bytes = typeof raw === "string" ? encoder.encode(raw) : raw;
  if (bytes.byteLength > limitBytes) return "too_large";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "not_utf8";
  }
  try {
    return { json: text === "" ? {} : JSON.parse(text) };
  } catch {
    return "not_json";
  }
}

/**
 * Every kind of bad body for a route whose body has `fields`. `isValid` says which JSON the route
 * would accept (by its documented contract); such bodies are never generated.
 */
export function hostileBodies(fields: Record<string, fc.Arbitrary<unknown>>, isValid: (json: unknown) => boolean = () => false): fc.Arbitrary<RawBody> {
  const field = Object.keys(fields)[0] ?? "value";
  return fc
    .oneof(
      { weight: 12, arbitrary: shapedBodies(fields) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: "binary" }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constantFrom("", "{}", "[]", "null", '""', "0", "true") },
      { weight: 2, arbitrary: invalidJson },
      { weight: 1, arbitrary: invalidUtf8(field) },
      { weight: 1, arbitrary: hugeBodies(field) },
    )
    .filter((raw) => {
      const verdict = readBody(raw);
      return typeof verdict === "string" || !isValid(verdict.json);
    });
}

/** A body no route reads: junk of every kind, or none. */
export const anyBody: fc.Arbitrary<RawBody | undefined> = fc.oneof(fc.constant(undefined), hostileBodies({ value: fc.jsonValue() }));

