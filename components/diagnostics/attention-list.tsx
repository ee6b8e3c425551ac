import { Card } from "@/components/ui";
import type { AttentionItem } from "@/lib/contract";

/** Orders or payments a person should look at, each with its Pi payment id to look it up. */
export function AttentionList({ id, title, empty, items }: { id: string; title: string; empty: string; items: readonly AttentionItem[] }) {
  return (
    <Card aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {items.length === 0 ? <p className="muted">{empty}</p> : null}
      <ul className="plain-list">
        {items.map((item) => (
          <li key={`${item.orderId ?? ""}${item.piPaymentId ?? ""}`} className="order">
            <div className="order-line">
              <span>{item.memo}</span>
              <span className="order-amount">{item.amount} π</span>
            </div>
            <p className="order-detail">
              {item.status}
              {item.reason ? ` (${item.reason})` : ""} · Pi payment <code>{item.piPaymentId ?? "none"}</code>
              {item.orderId ? (
                <>
                  {" "}
                  · order <code>{item.orderId}</code>
                </>
              ) : null}{" "}
              · <time dateTime={item.at}>{item.at}</time>
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
