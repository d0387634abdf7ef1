import "server-only";
import { requireRole } from "@/lib/auth/guard";
import { getPrisma } from "@/lib/db/client";
import { type CallFacets, computeFacets } from "./facets";
import type { CallFilters, CallPageRequest, FilterDimension } from "./filters";
import { type CallList, findEmptyingFilters, type ListOptions, runListCalls } from "./list-query";

export type { CallFacets, Facet, FacetDimension, FacetOption } from "./facets";
/**
 * The calls list's data access: what the /calls page, GET /api/calls, the CSV
 * export and the benchmark call. Each function checks the caller's role
 * first (lib/auth/guard.ts), then runs hand-written SQL through the Prisma client.
 */
export type { CallList, CallListItem, ListNotice } from "./list-query";

/** One page: `{ items, nextCursor, prevCursor, total, totalIsEstimate, ordering, plan, notice }`. */
export async function listCalls(filters: CallFilters, page: CallPageRequest, options?: ListOptions): Promise<CallList> {
  await requireRole("agent");
  return runListCalls(getPrisma(), filters, page, options);
}

/** Option counts for the filter toolbar (exact when cheap, flagged estimates otherwise). */
export async function getFacets(filters: CallFilters): Promise<CallFacets> {
  await requireRole("agent");
  return computeFacets(getPrisma(), filters);
}

/** For an empty list: the filters whose removal alone would show calls again. */
export async function explainEmptyList(filters: CallFilters): Promise<FilterDimension[]> {
  await requireRole("agent");
  return findEmptyingFilters(getPrisma(), filters);
}
