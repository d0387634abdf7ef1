"use client";

import clsx from "clsx";
import { ArrowLeft, ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useHotkeys } from "react-hotkeys-hook";
import { CopyLinkButton } from "./copy-link-button";

export interface CallNavProps {
  /** The list the agent came from, filters kept. */
  backHref: string;
  previousHref: string | null;
  nextHref: string | null;
  /** The canonical link to this call (without list state), for sharing. */
  sharePath: string;
}

/** Back to the list, previous/next within it (k / j, as in the list), copy link. */
export function CallNav({ backHref, previousHref, nextHref, sharePath }: CallNavProps) {
  const router = useRouter();
  useHotkeys("k", () => previousHref && router.push(previousHref), [previousHref]);
  useHotkeys("j", () => nextHref && router.push(nextHref), [nextHref]);
  useHotkeys("u", () => router.push(backHref), [backHref]);

  return (
    <nav aria-label="Call navigation" className="flex flex-wrap items-center gap-2">
      <Link href={backHref} className={BUTTON} title="Back to the list (u)">
        <ArrowLeft aria-hidden className="size-4" />
        Back to calls
      </Link>
      <div className="ml-auto flex items-center gap-2">
        <CopyLinkButton path={sharePath} />
        <div className="flex items-center">
          <StepLink href={previousHref} label="Previous call" hint="k" side="left">
            <ChevronLeft aria-hidden className="size-4" />
            Previous
            <KeyHint>k</KeyHint>
          </StepLink>
          <StepLink href={nextHref} label="Next call" hint="j" side="right">
            Next
            <KeyHint>j</KeyHint>
            <ChevronRight aria-hidden className="size-4" />
          </StepLink>
        </div>
      </div>
    </nav>
  );
}

const BUTTON =
  "inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50";

function StepLink({
  href,
  label,
  hint,
  side,
  children,
}: {
  href: string | null;
  label: string;
  hint: string;
  side: "left" | "right";
  children: React.ReactNode;
}) {
  const shape = clsx(BUTTON, side === "left" ? "rounded-r-none" : "-ml-px rounded-l-none");
  if (!href) {
    return (
      <span
        aria-disabled="true"
        className={clsx(shape, "cursor-not-allowed opacity-50 hover:bg-white")}
        title={`${label}: none in this list`}
      >
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={shape} aria-label={label} title={`${label} (${hint})`} aria-keyshortcuts={hint}>
      {children}
    </Link>
  );
}

function KeyHint({ children }: { children: string }) {
  return (
    // The key is drawn from an attribute, not text, so the link's visible label stays "Next" (WCAG 2.5.3).
    <kbd
      aria-hidden
      data-key={children}
      className="rounded border border-slate-200 bg-slate-50 px-1 font-mono text-[10px] leading-4 text-slate-600 after:content-[attr(data-key)]"
    />
  );
}
