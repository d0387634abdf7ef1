import Link from "next/link";

export default function AccountNotFound() {
  return (
    <div className="mx-auto mt-16 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-1 text-xl font-semibold">Account not found</h1>
      <p className="mt-2 text-sm text-slate-600">
        There is no account at this address. The link may be mistyped, or the account was merged away.
      </p>
      <Link
        href="/calls"
        className="mt-4 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Back to calls
      </Link>
    </div>
  );
}
