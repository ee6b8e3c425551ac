import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AppLink } from "@/components/ui/app-link";

const push = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push }) }));

afterEach(() => {
  cleanup();
  push.mockReset();
});

describe("AppLink", () => {
  it("is a real link, navigated in place by the router on a plain click", () => {
    render(<AppLink href="/orders">Your orders</AppLink>);
    const link = screen.getByRole("link", { name: "Your orders" });
    expect(link.getAttribute("href")).toBe("/orders");
    const plain = fireEvent.click(link);
    expect(plain).toBe(false);
    expect(push).toHaveBeenCalledWith("/orders");
  });

  it("leaves a click with a modifier, or a middle click, to the browser (a new tab)", () => {
    render(<AppLink href="/orders">Your orders</AppLink>);
    const link = screen.getByRole("link", { name: "Your orders" });
    expect(fireEvent.click(link, { ctrlKey: true })).toBe(true);
    expect(fireEvent.click(link, { metaKey: true })).toBe(true);
    expect(fireEvent.click(link, { button: 1 })).toBe(true);
    expect(push).not.toHaveBeenCalled();
  });
});
