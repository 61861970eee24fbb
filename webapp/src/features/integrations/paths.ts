const settings = (slug: string) => `/t/${encodeURIComponent(slug)}/settings/integrations`;

/** Addresses of the Integrations pages (part of the product: tests link to them). */
export const integrationPaths = {
  home: settings,
  newHook: (slug: string) => `${settings(slug)}/hooks/new`,
  hook: (slug: string, id: string) => `${settings(slug)}/hooks/${encodeURIComponent(id)}`,
  editHook: (slug: string, id: string) => `${settings(slug)}/hooks/${encodeURIComponent(id)}/edit`,
};
