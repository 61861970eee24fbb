/**
 * Saved views of the records grid: filters, sorting and visible columns under
 * a name, kept in this browser's localStorage per user, workspace and blueprint.
 */
import type { FilterGroup } from "./filters";
import type { SortKey } from "./sort";

export interface SavedView {
  name: string;
  filter: FilterGroup;
  sorts: SortKey[];
  visible: string[];
}

export function viewsStorageKey(userId: string | number | null | undefined, slug: string, blueprint: string): string {
  return `loom.views.${userId ?? "anonymous"}.${slug}.${blueprint}`;
}

function isView(value: unknown): value is SavedView {
  if (!value || typeof value !== "object") return false;
  const view = value as Partial<SavedView>;
  return typeof view.name === "string" && !!view.filter && Array.isArray(view.sorts) && Array.isArray(view.visible);
}

export function loadViews(storageKey: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isView) : [];
  } catch {
    return [];
  }
}

function store(storageKey: string, views: SavedView[]): SavedView[] {
  try {
    localStorage.setItem(storageKey, JSON.stringify(views));
  } catch {
    // Storage full or blocked: the views last for this page only.
  }
  return views;
}

/** Saves a view; one with the same name (any case) is replaced. Views stay sorted by name. */
export function saveView(storageKey: string, view: SavedView): SavedView[] {
  const others = loadViews(storageKey).filter((other) => other.name.toLowerCase() !== view.name.toLowerCase());
  return store(storageKey, [...others, view].sort((a, b) => a.name.localeCompare(b.name)));
}

export function removeView(storageKey: string, name: string): SavedView[] {
  return store(storageKey, loadViews(storageKey).filter((view) => view.name !== name));
}
