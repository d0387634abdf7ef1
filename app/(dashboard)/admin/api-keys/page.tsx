import type { Metadata } from "next";
import { ApiKeysTable } from "@/components/admin/api-keys-table";
import { CreateApiKeyForm } from "@/components/admin/create-api-key-form";
import { listApiKeys } from "@/lib/auth/admin/api-keys";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const keys = await listApiKeys();
  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_360px]">
      <section aria-label="API keys" className="min-w-0 space-y-3">
        <p className="text-sm text-slate-600">
          Keys let integrations use the JSON API (<code className="font-mono text-xs">Authorization: Bearer &lt;key&gt;</code>) with the
          role you choose. Only a hash is stored; a lost key cannot be recovered, only replaced.
        </p>
        <ApiKeysTable keys={keys} revoke={revokeApiKeyAction} />
      </section>
      <aside>
        <CreateApiKeyForm action={createApiKeyAction} />
      </aside>
    </div>
  );
}
