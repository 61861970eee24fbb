/** Addresses of the blueprint and record pages; tests and links rely on them. */
const tenant = (slug: string) => `/t/${encodeURIComponent(slug)}`;

export const paths = {
  home: (slug: string) => tenant(slug),
  blueprints: (slug: string) => `${tenant(slug)}/blueprints`,
  newBlueprint: (slug: string) => `${tenant(slug)}/blueprints/new`,
  design: (slug: string, key: string) => `${tenant(slug)}/blueprints/${encodeURIComponent(key)}/design`,
  records: (slug: string, key: string) => `${tenant(slug)}/b/${encodeURIComponent(key)}`,
  newRecord: (slug: string, key: string) => `${tenant(slug)}/b/${encodeURIComponent(key)}/new`,
  record: (slug: string, id: string) => `${tenant(slug)}/e/${encodeURIComponent(id)}`,
  trash: (slug: string) => `${tenant(slug)}/trash`,
};
