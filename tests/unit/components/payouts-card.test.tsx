import { render, screen, within } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { PayoutsCard } from "@/components/diagnostics/payouts-card";
import type { RefundableOrder } from "@/lib/contract";
import { resetPage } from "./render";

afterEach(resetPage);

const paidOrder = (orderId: string, over: Partial<RefundableOrder> = {}): RefundableOrder => ({
  orderId,
  memo: "A coffee for the team",
  amount: "1",
  paidAt: "2026-12-03T08:00:00.000Z",
  refund: null,
  refundable: true,
  ...over,
});

it("offers Refund for an order never refunded, Refund again after one that paid nothing, and no button otherwise", () => {
  const paidOrders = [
    paidOrder("never"),
    paidOrder("failed-unpaid", { refund: { id: "p1", status: "failed" } }),
    paidOrder("failed-paid", { refund: { id: "p2", status: "failed" }, refundable: false }),
    paidOrder("done", { refund: { id: "p3", status: "completed" }, refundable: false }),
  ];
  render(<PayoutsCard report={{ checks: [], payouts: [], paidOrders }} />);
  const line = (orderId: string) => within(screen.getByTestId(`paid-order-${orderId}`));

  expect(line("never").getByRole("button", { name: "Refund 1 π for A coffee for the team" }).textContent).toBe("Refund");
  expect(line("failed-unpaid").getByRole("button", { name: "Refund 1 π again for A coffee for the team" }).textContent).toBe("Refund again");
  expect(line("failed-unpaid").getByText(/refund failed/)).toBeTruthy();
  expect(line("failed-paid").queryByRole("button")).toBeNull();
  expect(line("done").queryByRole("button")).toBeNull();
});
