import { AccountsTableSkeleton, AccountsToolbarSkeleton } from "@/components/accounts/accounts-skeleton";

export default function AccountsLoading() {
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Accounts</h1>
      <AccountsToolbarSkeleton />
      <AccountsTableSkeleton />
    </div>
  );
}
