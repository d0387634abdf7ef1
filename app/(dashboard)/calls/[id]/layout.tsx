import { notFound } from "next/navigation";
import { callExists } from "@/lib/calls/detail";

/**
 * The existence check for /calls/[id], in a layout: it runs before anything of
 * the page streams (the list's loading skeleton lives in the (list) group, and
 * this segment's own skeleton sits below this layout), so an unknown or
 * malformed id answers a real HTTP 404 with the calls not-found page. The page
 * reads the same call again from the per-request cache.
 */
export default async function CallLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await callExists(id))) notFound();
  return children;
}
