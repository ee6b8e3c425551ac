/** Hostile values for the fields of our request bodies: ids, tokens, product ids of every shape and type. */
import fc from "fast-check";
import type { Fixture } from "./fixture";

/** Strings that have broken parsers, paths, SQL and lookups elsewhere. */
export const nastyStrings = fc.constantFrom(
  "", " ", "\u0000", "a\u0000b", "..", "../..", "./", "a/b", "/", "%2F", "%2e%2e%2f", "..%2F..%2Fme", "\\..\\", "?", "#", "&",
  "' OR '1'='1", "1; DROP TABLE orders; --", "$where", "{\"$gt\":\"\"}", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty",
  "\u202e", "\u200b", "\ufeff", "\ud800", "\udfff", "😀", "ｃｏｆｆｅｅ", "nul\u0000l", "null", "undefined", "NaN", "-1", "1e309", "<script>", "\r\n", "\t",
  "incomplete", "incomplete_server_payments", "me", "approve",
);

/** Values of the wrong JSON type, nested a little. */
export const wrongTypes = fc.oneof(
  fc.constantFrom(null, true, false, 0, -0, 1e308, -1, 3.14),
  fc.integer(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const unicode = fc.string({ unit: "binary", maxLength: 80 });

/** A hostile value for a string field: other shapes, other types, near-misses built from `seeds`. */
function fieldValue(...specific: fc.Arbitrary<unknown>[]): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: fc.oneof(...specific) }, nastyStrings, unicode, wrongTypes);
}

/** Ways to disguise a real id: padding, path tricks, encodings, lookalike letters. */
const disguise = (id: string) =>
  fc.constantFrom(
    ` ${id} `, `${id}/`, `/${id}`, `../${id}`, `${id}/..`, `${id}/complete`, `${id}%2F..`, encodeURIComponent(`${id}/`), `${id}\u0000`, `${id}.`,
    id.toLowerCase(), id.toUpperCase(), `${id}\u200b`, id.replace(/[aeo]/, (c) => ({ a: "а", e: "е", o: "о" })[c] ?? c), `${id}' --`,
  );

export function paymentIds(fx: Fixture): fc.Arbitrary<unknown> {
  const real = fc.constantFrom(...fx.othersPaymentIds);
  return fieldValue(
    real, // another Pioneer's payment: Pi has it, the caller must not be able to touch it
    real.chain(disguise),
    fc.stringMatching(/^[A-Za-z0-9]{28}$/), // the shape of Pi's ids, unknown to Pi
    fc.stringMatching(/^[A-Za-z0-9]{16,64}$/),
    fc.stringMatching(/^[A-Za-z0-9]{65,80}$/),
  );
}

export function txids(fx: Fixture): fc.Arbitrary<unknown> {
  return fieldValue(fc.constant(fx.othersTxid), disguise(fx.othersTxid), fc.stringMatching(/^[a-f0-9]{64}$/), fc.constant("a".repeat(129)));
}

/** Product ids that are not in the catalog, even after trimming; `catalogIds` are disguised too. */
export function productIds(catalogIds: readonly string[]): fc.Arbitrary<unknown> {
  return fieldValue(fc.constantFrom(...catalogIds).chain(disguise), fc.string({ minLength: 65, maxLength: 200 })).filter(
    (value) => typeof value !== "string" || !catalogIds.includes(value.trim()),
  );
}

export function accessTokens(fx: Fixture): fc.Arbitrary<unknown> {
  return fieldValue(
    fc.constantFrom(`${fx.accessToken}x`, fx.accessToken.slice(0, -1), fx.sessionToken, `Bearer ${fx.accessToken}`, "a".repeat(4096), "a".repeat(4097)),
    fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 100 }),
  ).filter((value) => typeof value !== "string" || value.trim() !== fx.accessToken);
}


/** Order ids: real ones (paid or not, anyone's), disguised, and well-formed ones that name nothing. */
export function orderIds(fx: Fixture): fc.Arbitrary<unknown> {
  const real = fc.constantFrom(...fx.paidOrderIds, ...fx.openOrderIds);
  return fieldValue(real, real.chain(disguise), fc.uuid(), fc.stringMatching(/^[0-9a-f-]{36}$/));
}

/** Ad ids: one already claimed by another Pioneer, ads Pi refused, disguised ones, and ids Pi never issued. */
export function adIds(fx: Fixture): fc.Arbitrary<unknown> {
  const claimed = fc.constant(fx.othersAdId);
  return fieldValue(claimed, claimed.chain(disguise), fc.constantFrom(...fx.refusedAdIds), fc.uuid(), fc.stringMatching(/^[A-Za-z0-9_-]{8,128}$/), fc.constant("a".repeat(129)));
}
