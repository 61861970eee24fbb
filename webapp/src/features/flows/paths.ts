/** Addresses of the flow pages; tests and links rely on them. */
const tenant = (slug: string) => `/t/${encodeURIComponent(slug)}`;

export const flowPaths = {
  list: (slug: string) => `${tenant(slug)}/flows`,
  create: (slug: string, blueprint?: string) =>
    `${tenant(slug)}/flows/new${blueprint ? `?blueprint=${encodeURIComponent(blueprint)}` : ""}`,
  design: (slug: string, key: string) => `${tenant(slug)}/flows/${encodeURIComponent(key)}`,
};
