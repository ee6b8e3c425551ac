// @vitest-environment node
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/validation-key.txt/route";
import { resetEnv } from "@/lib/config/server";

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnv();
});

describe("GET /validation-key.txt", () => {
  it("serves PI_VALIDATION_KEY as the whole plain-text body", async () => {
    vi.stubEnv("PI_VALIDATION_KEY", "  0123abcd-example-key  \n");
    resetEnv();
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("0123abcd-example-key");
  });

  it("answers 404 when no key is configured", async () => {
    vi.stubEnv("PI_VALIDATION_KEY", "");
    resetEnv();
    const response = GET();
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("key");
  });
});
