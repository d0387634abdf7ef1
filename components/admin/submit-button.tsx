"use client";

import { Loader2 } from "lucide-react";
import { useFormStatus } from "react-dom";
import { buttonClass } from "@/components/ui/button";

const VARIANTS = { primary: "primary", secondary: "secondary", danger: "danger" } as const;

export function SubmitButton({
  children,
  variant = "primary",
  className,
  confirm,
}: {
  children: React.ReactNode;
  variant?: keyof typeof VARIANTS;
  className?: string;
  /** Asks before submitting (for destructive actions). */
  confirm?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      onClick={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
      className={buttonClass({ variant: VARIANTS[variant], className: `disabled:cursor-wait ${className ?? ""}` })}
    >
      {pending ? <Loader2 aria-hidden className="size-3.5 animate-spin" /> : null}
      {children}
    </button>
  );
}
