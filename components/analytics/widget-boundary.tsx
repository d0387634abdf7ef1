"use client";

import { Component, type ReactNode } from "react";

/**
 * One failing widget must not blank the whole page: it shows a short message
 * in its own place. Access errors (401/403 digests) are left to Next.js, which
 * renders the sign-in / forbidden page instead.
 */
export class WidgetBoundary extends Component<{ title: string; children: ReactNode }, { error: (Error & { digest?: string }) | null }> {
  state: { error: (Error & { digest?: string }) | null } = { error: null };

  static getDerivedStateFromError(error: Error & { digest?: string }) {
    return { error };
  }

  render() {
    const { error } = this.state;
    if (error?.digest?.startsWith("NEXT_")) throw error;
    if (!error) return this.props.children;
    return (
      <section role="alert" className="rounded-xl border border-rose-200 bg-white p-4 text-sm shadow-xs">
        <h2 className="font-semibold text-rose-700">{this.props.title} could not be loaded</h2>
        <p className="mt-1 text-slate-600">
          Reload the page in a moment. If it keeps failing, the database may be busy or unreachable
          {error.digest ? ` (reference ${error.digest})` : ""}.
        </p>
      </section>
    );
  }
}
