import type { ComponentProps } from "react";

type Props = ComponentProps<"button"> & { variant?: "primary" | "secondary" };

/** The app's one button. `type="button"` unless told otherwise, so no button submits by accident. */
export function Button({ variant = "primary", className, type = "button", ...props }: Props) {
  return <button type={type} className={["button", `button-${variant}`, className].filter(Boolean).join(" ")} {...props} />;
}
