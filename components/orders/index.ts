export { OrderHistory } from "./order-history";
export { OwnedList } from "./owned-list";
export { OrdersPage } from "./orders-page";
