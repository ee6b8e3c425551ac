import { describe, expect, it } from "vitest";
import { integrityProblems } from "@/scripts/bench/integrity";

const payment = (id: string, completed: boolean) => ({ identifier: id, status: { developer_completed: completed }, transaction: { txid: `tx-${id}` } });
const callsOf = (id: string) => ["", "/approve", "", "/complete"].map((step) => ({ method: step ? "POST" : "GET", path: `/v2/payments/${id}${step}` }));

describe("the bench's integrity rules", () => {
  it("catches a server that reports purchases finished without Pi completing them (the reference has no ledger to check)", () => {
    const pi = { payments: [payment("a", true), payment("b", true), payment("c", false)], calls: ["a", "b", "c"].flatMap(callsOf) };
    expect(integrityProblems(null, pi, 2)).toEqual([]);
    expect(integrityProblems(null, pi, 3)).toEqual(["3 purchases finished but Pi completed 2 payments"]);
  });

  it("catches a purchase that cost more than 4 Platform API calls", () => {
    const pi = { payments: [payment("a", true)], calls: [...callsOf("a"), { method: "GET", path: "/v2/payments/a" }] };
    expect(integrityProblems(null, pi, 1)).toEqual(["1 purchases cost more than 4 Platform API calls (up to 5)"]);
  });
});
