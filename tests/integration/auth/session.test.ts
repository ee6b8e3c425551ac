// @vitest-environment node
import { beforeAll, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db";
import { upsertUser } from "@/lib/db/repositories/users";
import { sessions } from "@/lib/db/schema";
import { resetEnv } from "@/lib/config/server";
import { createSession, getSessionUser, revokeSessionToken, sessionTtlSeconds } from "@/lib/auth/session";
import { describeEachEngine, useEngineEnv } from "../../helpers/db-engines";

describeEachEngine("app sessions", ({ engine }) => {
  useEngineEnv(engine);
  beforeAll(async () => {
    vi.stubEnv("SESSION_SECRET", "session-test-secret-0123456789abcdefgh");
    resetEnv();
    await upsertUser(await getDb(), { uid: "uid-ivan", username: "ivan" });
  });

  it("creates a session whose token finds the Pioneer and whose hash alone is stored", async () => {
    const { token, expiresAt } = await createSession("uid-ivan");
    expect(await getSessionUser(token)).toEqual({ uid: "uid-ivan", username: "ivan" });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan((sessionTtlSeconds - 60) * 1000);
    const rows = await (await getDb()).select().from(sessions);
    expect(rows.some((row) => row.tokenHash === token)).toBe(false);
  });

  it("expires after its lifetime", async () => {
    const start = new Date("2030-01-01T00:00:00Z");
    const { token } = await createSession("uid-ivan", start);
    expect(await getSessionUser(token, new Date(start.getTime() + 1000))).not.toBeNull();
    expect(await getSessionUser(token, new Date(start.getTime() + sessionTtlSeconds * 1000 + 1))).toBeNull();
  });

  it("is revoked for good, and other sessions of the Pioneer stay alive", async () => {
    const first = await createSession("uid-ivan");
    const second = await createSession("uid-ivan");
    await revokeSessionToken(first.token);
    expect(await getSessionUser(first.token)).toBeNull();
    expect(await getSessionUser(second.token)).not.toBeNull();
  });

  it("does not accept a token signed with another secret", async () => {
    const { token } = await createSession("uid-ivan");
    vi.stubEnv("SESSION_SECRET", "a-different-secret-0123456789abcdefghij");
    resetEnv();
    try {
      expect(await getSessionUser(token)).toBeNull();
    } finally {
      vi.stubEnv("SESSION_SECRET", "session-test-secret-0123456789abcdefgh");
      resetEnv();
    }
  });
});
