import "server-only";
import { requireRole } from "@/lib/auth/guard";
import { getPrisma } from "@/lib/db/client";
import { type AccountListOptions, computeAccountFacets, runListAccounts } from "./query";
import type { AccountFilters, AccountPageRequest } from "./search-params";
import type { AccountFacets, AccountList } from "./types";

/** The accounts list's data access (the /accounts page, GET /api/accounts, the CSV export, the benchmark): role first. */
export async function listAccounts(filters: AccountFilters, page: AccountPageRequest, options?: AccountListOptions): Promise<AccountList> {
  await requireRole("agent");
  return runListAccounts(getPrisma(), filters, page, options);
}

export async function getAccountFacets(filters: AccountFilters): Promise<AccountFacets | null> {
  await requireRole("agent");
  return computeAccountFacets(getPrisma(), filters);
}
