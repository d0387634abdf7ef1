import { AdminTabs } from "@/components/admin/admin-tabs";
import { requireRole } from "@/lib/auth/guard";

/** Admin area: 403 page for other roles (each page's queries check the role again). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireRole("admin");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Admin</h1>
        <p className="mt-1 text-sm text-slate-600">
          People, integrations and the raw webhook inbox. Every change here is recorded in the audit trail.
        </p>
      </div>
      <AdminTabs />
      {children}
    </div>
  );
}
