import type { FieldErrors } from "../../api/errors";

export interface DesignerErrors {
  /** Per column uid: messages per field ("key", "label", "rules.min", "options.0.value", "" for the column). */
  columns: Record<string, Record<string, string>>;
  name: string | null;
  description: string | null;
  /** Messages about the form layout. */
  form: string[];
  /** Everything no input can hold. */
  general: string[];
}

export const noDesignerErrors: DesignerErrors = { columns: {}, name: null, description: null, form: [], general: [] };

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join(" ");

/**
 * Places a 422's messages in the designer. Column paths count positions in the
 * columns that were sent: `draft.columns.2.key` (PATCH) and `columns.2.key`
 * (POST) both land on the third column's key input.
 */
export function mapDesignerErrors(fieldErrors: FieldErrors, columnUids: readonly string[]): DesignerErrors {
  const result: DesignerErrors = { columns: {}, name: null, description: null, form: [], general: [] };
  for (const [rawKey, messages] of Object.entries(fieldErrors)) {
    const text = messages.join(" ");
    const key = rawKey.startsWith("draft.") ? rawKey.slice("draft.".length) : rawKey;
    const segments = key.split(".");
    if (segments[0] === "columns" && segments.length > 1 && /^\d+$/.test(segments[1])) {
      const id = columnUids[Number(segments[1])];
      if (id) {
        const field = segments.slice(2).join(".");
        const column = (result.columns[id] ??= {});
        column[field] = join(column[field], text);
        continue;
      }
    }
    if (key === "name") result.name = join(result.name, text);
    else if (key === "description") result.description = join(result.description, text);
    else if (segments[0] === "form") result.form.push(text);
    else result.general.push(text);
  }
  return result;
}

/** True when some message belongs to a column (the Columns tab should show). */
export function hasColumnErrors(errors: DesignerErrors): boolean {
  return Object.keys(errors.columns).length > 0;
}
