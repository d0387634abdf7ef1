import { redirect } from "next/navigation";
import { requireRole } from "@/lib/auth/guard";

export default async function AdminIndex() {
  await requireRole("admin");
  redirect("/admin/users");
}
