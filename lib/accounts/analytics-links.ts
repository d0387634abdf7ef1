/**
 * Links from the accounts figures on /analytics to the accounts list. Plain
 * functions (client-safe). The list's URL keys: `broken=true` (has a broken
 * promise) and `portfolio` (repeatable), the page's project filter carried over.
 */
export function accountsHref(projects: readonly string[], extra: { broken?: boolean } = {}): string {
  const params = new URLSearchParams();
  if (extra.broken) params.set("broken", "true");
  for (const p of projects) params.append("portfolio", p);
  const query = params.toString();
  return query ? `/accounts?${query}` : "/accounts";
}
