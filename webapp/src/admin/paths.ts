/** Addresses of the back office; pages link to each other through these. */
const enc = encodeURIComponent;

function withQuery(path: string, filters: Record<string, string>): string {
  const query = new URLSearchParams(filters).toString();
  return query ? `${path}?${query}` : path;
}

export const adminPaths = {
  login: (next?: string) => (next ? `/admin/login?next=${enc(next)}` : "/admin/login"),
  users: () => "/admin/users",
  user: (id: number | string) => `/admin/users/${enc(String(id))}`,
  tenants: () => "/admin/tenants",
  tenant: (slug: string, tab?: string) => `/admin/tenants/${enc(slug)}${tab ? `?tab=${tab}` : ""}`,
  records: (slug: string, key: string) => `/admin/tenants/${enc(slug)}/b/${enc(key)}`,
  record: (slug: string, id: string) => `/admin/tenants/${enc(slug)}/e/${enc(id)}`,
  jobs: (tenant?: string) => (tenant ? `/admin/jobs?tenant=${enc(tenant)}` : "/admin/jobs"),
  audit: (filters: Record<string, string> = {}) => withQuery("/admin/audit", filters),
  hooks: (filters: Record<string, string> = {}) => withQuery("/admin/hooks", filters),
  hookDeliveries: (filters: Record<string, string> = {}) => withQuery("/admin/hooks/deliveries", filters),
  mail: (filters: Record<string, string> = {}) => withQuery("/admin/mail", filters),
};

/** Only addresses inside the back office are followed after signing in. */
export function adminNext(next: string | null): string {
  return next && next.startsWith("/admin/") && !next.startsWith("//") && !next.startsWith("/admin/login") ? next : adminPaths.users();
}
