import type { HTMLAttributes } from "react";

type Props = HTMLAttributes<HTMLElement> & { as?: "section" | "div" };

/** A raised surface for one thing: a list, a message. List items use the `card` class directly. */
export function Card({ as: Tag = "section", className, ...props }: Props) {
  return <Tag className={["card", className].filter(Boolean).join(" ")} {...props} />;
}
