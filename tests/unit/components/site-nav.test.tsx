import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SiteNav } from "@/components/layout/site-nav";
import { installPi, nothingReconciled, piSignsIn, renderApp, resetPage, stubApi } from "./render";

vi.mock("next/navigation", () => ({ usePathname: () => "/orders", useRouter: () => ({ push: vi.fn() }) }));

afterEach(resetPage);

const session = (admin: boolean) => () => ({ status: 200, body: { user: { uid: "u1", username: "alice" }, admin } });

describe("SiteNav", () => {
  it("marks the current page, and shows Diagnostics to an admin only", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    stubApi({ "GET /api/auth/session": session(true), "POST /api/payments/reconcile": nothingReconciled });
    renderApp(<SiteNav />);
    expect(await screen.findByRole("link", { name: "Diagnostics" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Your orders" }).getAttribute("aria-current")).toBe("page");
    expect(screen.getByRole("link", { name: "Shop" }).getAttribute("aria-current")).toBeNull();
  });

  it("has no Diagnostics link for anyone else", async () => {
    installPi({ authenticate: piSignsIn("u1") });
    stubApi({ "GET /api/auth/session": session(false), "POST /api/payments/reconcile": nothingReconciled });
    renderApp(<SiteNav />);
    expect(await screen.findByTestId("username")).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Diagnostics" })).toBeNull();
  });
});
