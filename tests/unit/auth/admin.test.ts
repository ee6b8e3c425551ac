// @vitest-environment node
import { expect, it } from "vitest";
import { isAdmin } from "@/lib/auth";
import { restoreEnvAfterEach, stubEnv as withEnv } from "../../helpers/env";

restoreEnvAfterEach();

it("lets anyone be an admin only in development against the emulator", () => {
  withEnv({ NODE_ENV: "development", ADMIN_UIDS: undefined, PI_API_BASE_URL: "http://127.0.0.1:3314/v2" });
  expect([isAdmin("any-uid"), isAdmin(null)]).toEqual([true, true]);
});

it("keeps a development server against Pi's real API to ADMIN_UIDS, as in production", () => {
  for (const api of ["https://api.minepi.com/v2", undefined]) {
    withEnv({ NODE_ENV: "development", ADMIN_UIDS: "uid-of-the-owner", PI_API_BASE_URL: api });
    expect([isAdmin("uid-of-the-owner"), isAdmin("any-uid"), isAdmin(null)]).toEqual([true, false, false]);
  }
  withEnv({ NODE_ENV: "production", ADMIN_UIDS: "uid-of-the-owner", PI_API_BASE_URL: "http://127.0.0.1:3314/v2" });
  expect([isAdmin("uid-of-the-owner"), isAdmin("any-uid")]).toEqual([true, false]);
});
