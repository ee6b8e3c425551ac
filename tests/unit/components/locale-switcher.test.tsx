import { fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LocaleSwitcher } from "@/components/i18n/locale-switcher";
import { renderWithSwr, resetPage } from "./render";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

/** document.cookie as a browser has it: keeping what is written, or (a frame whose cookies are denied) dropping it. */
function cookieJar(keeps: boolean) {
  let jar = "";
  Object.defineProperty(document, "cookie", {
    configurable: true,
    get: () => jar,
    set: (value: string) => {
      if (keeps) jar = value.split(";")[0] ?? "";
    },
  });
}

afterEach(() => {
  resetPage();
  refresh.mockReset();
  Reflect.deleteProperty(document, "cookie");
});

describe("The language switcher", () => {
  it("remembers the choice and renders the page again in it", () => {
    cookieJar(true);
    renderWithSwr(<LocaleSwitcher />);
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "vi" } });
    expect(document.cookie).toBe("locale=vi");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("says so where the browser does not let the app remember it, instead of snapping back in silence", () => {
    cookieJar(false);
    renderWithSwr(<LocaleSwitcher />);
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "vi" } });
    expect(screen.getByRole("status").textContent).toBe("This browser does not let the app remember a language here, so it follows your phone's language.");
    expect(refresh).not.toHaveBeenCalled();
  });
});
