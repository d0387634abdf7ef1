import { redirect } from "next/navigation";
import { getViewer } from "@/lib/auth/guard";
import { hasRole } from "@/lib/auth/roles";

/** The landing page by role: agents work their queues (My work), managers and admins start at the calls. */
export default async function Home() {
  const viewer = await getViewer();
  redirect(viewer && !hasRole(viewer.role, "manager") ? "/work" : "/calls");
}
