// @vitest-environment node
// When a rewarded ad earns its reward: only Pi's fresh `granted`, and a revocation takes it back.
import { describe, expect, it } from "vitest";
import { decideClaim, decideRecheck, grantFreshForMs, pendingForMs } from "@/lib/ads/rules";

const now = new Date("2026-06-01T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("claiming an ad's reward", () => {
  it("grants on a recent grant by Pi's ad network", () => {
    expect(decideClaim({ status: "granted", grantedAt: ago(5_000) }, now)).toEqual({ kind: "grant", grantedAt: ago(5_000) });
    expect(decideClaim({ status: "granted", grantedAt: ago(grantFreshForMs) }, now)).toEqual({ kind: "grant", grantedAt: ago(grantFreshForMs) });
  });

  it("refuses a stale grant: an old ad id replayed", () => {
    expect(decideClaim({ status: "granted", grantedAt: ago(grantFreshForMs + 1) }, now)).toEqual({ kind: "refuse", code: "ad_reward_expired", reason: "stale_grant" });
    expect(decideClaim({ status: "granted", grantedAt: ago(-grantFreshForMs - 1) }, now)).toMatchObject({ kind: "refuse", reason: "stale_grant" });
  });

  it("refuses revoked and failed ads, and a grant without a time", () => {
    expect(decideClaim({ status: "revoked", grantedAt: ago(1000) }, now)).toEqual({ kind: "refuse", code: "ad_not_rewarded", reason: "revoked" });
    expect(decideClaim({ status: "failed", grantedAt: null }, now)).toEqual({ kind: "refuse", code: "ad_not_rewarded", reason: "failed" });
    expect(decideClaim({ status: "granted", grantedAt: null }, now)).toEqual({ kind: "refuse", code: "ad_not_rewarded", reason: "no_grant_time" });
  });

  it("leaves it pending while Pi's ad network has not answered", () => {
    expect(decideClaim({ status: null, grantedAt: null }, now)).toEqual({ kind: "pending" });
  });
});

describe("checking a claim again later", () => {
  it("grants a pending claim fresh against its claim time, not the time of the check", () => {
    const claimedAt = ago(30 * 60_000);
    expect(decideRecheck({ status: "pending", claimedAt }, { status: "granted", grantedAt: new Date(claimedAt.getTime() + 20_000) }, now)).toMatchObject({ kind: "grant" });
    expect(decideRecheck({ status: "pending", claimedAt }, { status: "granted", grantedAt: now }, now)).toEqual({ kind: "refuse", reason: "stale_grant" });
  });

  it("refuses a pending claim Pi revoked, or never answered within the hour", () => {
    expect(decideRecheck({ status: "pending", claimedAt: ago(60_000) }, { status: "revoked", grantedAt: null }, now)).toEqual({ kind: "refuse", reason: "revoked" });
    expect(decideRecheck({ status: "pending", claimedAt: ago(60_000) }, { status: null, grantedAt: null }, now)).toEqual({ kind: "checked" });
    expect(decideRecheck({ status: "pending", claimedAt: ago(pendingForMs + 1) }, { status: null, grantedAt: null }, now)).toEqual({ kind: "refuse", reason: "never_acknowledged" });
  });

  it("revokes a granted reward Pi revoked, and keeps it otherwise", () => {
    expect(decideRecheck({ status: "granted", claimedAt: ago(60_000) }, { status: "revoked", grantedAt: ago(60_000) }, now)).toEqual({ kind: "revoke" });
    expect(decideRecheck({ status: "granted", claimedAt: ago(60_000) }, { status: "granted", grantedAt: ago(60_000) }, now)).toEqual({ kind: "checked" });
  });
});
