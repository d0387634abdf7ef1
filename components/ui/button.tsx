import { Slot } from "radix-ui";
import { cn } from "./cn";

const VARIANTS = {
  primary: "bg-indigo-600 text-white shadow-xs hover:bg-indigo-500",
  dark: "bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border border-slate-300 bg-white text-slate-700 shadow-xs hover:bg-slate-50",
  /** A secondary button that shows a value is set (a filter in use). */
  active: "border border-indigo-300 bg-indigo-50 text-indigo-800 shadow-xs hover:bg-indigo-100",
  danger: "border border-rose-200 bg-white text-rose-700 shadow-xs hover:bg-rose-50",
  ghost: "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
} as const;

// Every size keeps the target at least 24 × 24 px (WCAG 2.5.8).
const SIZES = {
  sm: "h-8 px-2.5 text-sm",
  md: "h-9 px-3 text-sm",
  icon: "size-8",
  "icon-sm": "size-6",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

export function buttonClass({
  variant = "secondary",
  size = "sm",
  className,
}: {
  variant?: ButtonVariant;
  size?: keyof typeof SIZES;
  className?: string;
} = {}) {
  return cn(
    "inline-flex shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-50",
    VARIANTS[variant],
    SIZES[size],
    className,
  );
}

export interface ButtonProps extends React.ComponentProps<"button"> {
  variant?: ButtonVariant;
  size?: keyof typeof SIZES;
  /** Render the child (a link) with the button's look instead of a <button>. */
  asChild?: boolean;
}

export function Button({ variant, size, asChild, className, type = "button", ...props }: ButtonProps) {
  if (asChild) return <Slot.Root className={buttonClass({ variant, size, className })} {...props} />;
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
