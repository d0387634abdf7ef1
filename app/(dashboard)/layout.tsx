import { AppHeader } from "@/components/shell/app-header";

const NAV = [
  { href: "/calls", label: "Calls" },
  { href: "/analytics", label: "Analytics" },
];

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="min-h-screen">
      <AppHeader items={NAV} />
      <main className="mx-auto max-w-[1600px] px-6 py-6">{children}</main>
    </div>
  );
}
