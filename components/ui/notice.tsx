import type { ComponentProps } from "react";

type Props = ComponentProps<"p"> & {
  tone?: "ok" | "bad" | "neutral";
  /** A bordered box for messages that stand on their own, rather than a line under a control. */
  boxed?: boolean;
};

/**
 * A message line. Give it `role="status"` (polite) or `role="alert"` for live updates and keep it
 * rendered while empty, so the first message is announced.
 */
export function Notice({ tone = "neutral", boxed = false, className, ...props }: Props) {
  const classes = ["notice", `notice-${tone}`, boxed && props.children ? "notice-boxed" : null, className].filter(Boolean).join(" ");
  return <p className={classes} {...props} />;
}
