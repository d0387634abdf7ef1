import { Table, TableBody, TableEmpty, TableFrame, TableHead, Td } from "@/components/ui/table";
import { AgoTime } from "@/components/ui/time";
import type { ActionState } from "@/lib/auth/admin/action-state";
import type { ApiKeyRow } from "@/lib/auth/admin/api-keys";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { RevokeKeyButton } from "./revoke-key-button";

export function ApiKeysTable({
  keys,
  revoke,
}: {
  keys: ApiKeyRow[];
  revoke: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  if (keys.length === 0)
    return <TableEmpty>No API keys yet. Create one for each integration, so each can be revoked on its own.</TableEmpty>;
  return (
    <TableFrame label="API keys">
      <Table>
        <TableHead columns={["Key", "Role", "Created", "Last used", "Status"]} />
        <TableBody>
          {keys.map((key) => (
            <tr key={key.id} className={key.revokedAt ? "text-slate-500" : undefined}>
              <Td>
                <div className="font-medium text-slate-900">{key.name}</div>
                <code className="font-mono text-xs text-slate-600">{key.prefix}…</code>
              </Td>
              <Td>{ROLE_LABELS[key.role]}</Td>
              <Td className="whitespace-nowrap">
                <AgoTime date={key.createdAt} />
                {key.createdBy ? <div className="text-xs text-slate-600">by {key.createdBy}</div> : null}
              </Td>
              <Td className="whitespace-nowrap">
                <AgoTime date={key.lastUsedAt} />
              </Td>
              <Td>
                {key.revokedAt ? (
                  <span>
                    Revoked <AgoTime date={key.revokedAt} />
                  </span>
                ) : (
                  <RevokeKeyButton id={key.id} name={key.name} action={revoke} />
                )}
              </Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}
