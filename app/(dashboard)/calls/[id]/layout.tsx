import { notFound } from "next/navigation";
import { loadCall } from "./load-call";

/**
 * Checks that the call exists before the page's loading skeleton is
 * streamed: once streaming has started the response is committed to 200, so
 * an unknown id would otherwise show "not found" with a success status.
 */
export default async function CallLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await loadCall(id))) notFound();
  return children;
}
