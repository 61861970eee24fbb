/** The entries of the standard "General" group few people need: behind "Show technical details". */
export const TECHNICAL_ENTRIES = new Set(["id", "processId", "isExecutable"]);

interface Group {
  id: string;
  entries: { id: string; component: unknown }[];
}

/**
 * ``groups`` with the technical entries of "General" left out unless ``show``, and the ``toggle``
 * entry after its everyday ones (the technical ones follow it when shown).
 */
export function withTechnicalToggle<G extends Group>(groups: G[], show: boolean, toggle: unknown): G[] {
  return groups.map((group) => {
    if (group.id !== "general" || !group.entries.some((entry) => TECHNICAL_ENTRIES.has(entry.id))) return group;
    const everyday = group.entries.filter((entry) => !TECHNICAL_ENTRIES.has(entry.id));
    const technical = group.entries.filter((entry) => TECHNICAL_ENTRIES.has(entry.id));
    return { ...group, entries: [...everyday, { id: "loom-technical", component: toggle }, ...(show ? technical : [])] };
  });
}
