import { notFound } from "next/navigation";
import { accountExists } from "@/lib/accounts/detail";

/** The existence check before anything streams: an unknown or malformed id answers a real HTTP 404 (accounts/not-found.tsx, the parent segment's, renders it). */
export default async function AccountLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await accountExists(id))) notFound();
  return children;
}
