"use client";

import { NavTabs } from "@/components/ui/tabs";

const TABS = [
  { href: "/admin/users", label: "Users" },
  { href: "/admin/api-keys", label: "API keys" },
  { href: "/admin/webhooks", label: "Webhook deliveries" },
  { href: "/admin/audit", label: "Audit trail" },
  { href: "/admin/accounts", label: "Accounts" },
  { href: "/admin/import", label: "Import calls" },
  { href: "/admin/compliance", label: "Compliance" },
  { href: "/admin/scorecards", label: "Scorecards" },
];

export function AdminTabs() {
  return <NavTabs label="Admin" items={TABS} />;
}
