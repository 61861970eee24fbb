/**
 * The designer's working copy of a blueprint draft. Columns and form sections
 * carry a stable uid (React keys, server errors by position) and the form
 * refers to columns by uid, so renaming a key never loses its place.
 */
import type { BlueprintDraft, Column, ColumnRules } from "../../api/blueprints";
import type { ColumnType } from "../../api/types";
import { emptyInput, inputToStored, storedToInput, type InputValue } from "../../app/records/values";
import { columnKeyFrom } from "../../features/blueprints/columnKey";
import { hasOptions, rulesFor } from "../../app/columnTypes";

export interface DraftColumn extends Omit<Column, "default"> {
  uid: string;
  /** False while the key still follows the label. */
  keyEdited: boolean;
  /** The default value as its input shows it (converted when saving). */
  defaultInput: InputValue;
}

export interface DraftSection {
  uid: string;
  title: string;
  /** Column uids, in order. */
  fields: string[];
}

export interface DraftState {
  columns: DraftColumn[];
  sections: DraftSection[];
}

let counter = 0;
const uid = (prefix: string) => `${prefix}${(counter += 1)}`;

/** Rules as their inputs show them: date-time bounds on the tenant's wall clock. */
function rulesToInput(column: Column, timeZone: string): ColumnRules {
  const rules = { ...column.rules };
  if (column.type !== "datetime") return rules;
  for (const name of ["min", "max"] as const) {
    if (rules[name] != null) rules[name] = storedToInput(column, rules[name], timeZone) as string;
  }
  return rules;
}

export function draftFromServer(draft: BlueprintDraft, timeZone: string): DraftState {
  const columns: DraftColumn[] = draft.columns.map((column) => ({
    ...column,
    rules: rulesToInput(column, timeZone),
    options: column.options?.map((option) => ({ ...option })),
    uid: uid("col"),
    keyEdited: true,
    defaultInput: storedToInput(column, column.default, timeZone),
  }));
  const byKey = new Map(columns.map((column) => [column.key, column.uid]));
  const sections: DraftSection[] = draft.form
    ? draft.form.sections.map((section) => ({
        uid: uid("sec"),
        title: section.title ?? "",
        fields: section.fields.map((key) => byKey.get(key)).filter((id): id is string => !!id),
      }))
    : [{ uid: uid("sec"), title: "", fields: columns.map((column) => column.uid) }];
  if (!sections.length) sections.push({ uid: uid("sec"), title: "", fields: [] });
  return { columns, sections };
}

function cleanRules(type: ColumnType, rules: ColumnRules, timeZone: string): ColumnRules {
  const out: ColumnRules = {};
  for (const name of rulesFor(type)) {
    const value = rules[name];
    if (value === undefined || value === null || String(value).trim() === "") continue;
    const text = String(value).trim();
    if (name === "min_length" || name === "max_length") out[name] = /^\d+$/.test(text) ? Number(text) : (text as never);
    else if (name === "pattern") out.pattern = String(value);
    else if (type === "datetime") {
      const parsed = inputToStored({ type }, text, timeZone);
      out[name] = parsed.ok ? (parsed.value as string) : text;
    } else out[name] = text;
  }
  return out;
}

function columnToServer(column: DraftColumn, timeZone: string): Column {
  const parsed = inputToStored(column, column.defaultInput, timeZone);
  const out: Column = {
    key: column.key,
    label: column.label.trim(),
    type: column.type,
    required: column.required,
    default: parsed.ok ? parsed.value : column.defaultInput,
    help_text: column.help_text,
    rules: cleanRules(column.type, column.rules, timeZone),
  };
  if (hasOptions(column.type)) {
    out.options = (column.options ?? []).map((option) => ({ ...option, label: option.label || option.value }));
  }
  if (column.type === "reference") out.reference = column.reference ?? "";
  return out;
}

/** The draft as the API takes it (PATCH `draft`). */
export function draftToServer(state: DraftState, timeZone: string): BlueprintDraft {
  const keyOf = new Map(state.columns.map((column) => [column.uid, column.key]));
  return {
    columns: state.columns.map((column) => columnToServer(column, timeZone)),
    form: {
      sections: state.sections.map((section) => ({
        title: section.title,
        fields: section.fields.map((id) => keyOf.get(id)).filter((key): key is string => !!key),
      })),
    },
  };
}

export type DraftAction =
  | { type: "reset"; state: DraftState }
  | { type: "addColumn" }
  | { type: "setLabel"; uid: string; label: string }
  | { type: "setKey"; uid: string; key: string }
  | { type: "setType"; uid: string; columnType: ColumnType }
  | { type: "patchColumn"; uid: string; patch: Partial<Omit<DraftColumn, "uid" | "type">> }
  | { type: "moveColumn"; uid: string; delta: -1 | 1 }
  | { type: "removeColumn"; uid: string }
  | { type: "addSection" }
  | { type: "renameSection"; uid: string; title: string }
  | { type: "removeSection"; uid: string }
  | { type: "moveField"; uid: string; delta: -1 | 1 }
  | { type: "hideField"; uid: string }
  | { type: "showField"; uid: string };

function move<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (index < 0 || target < 0 || target >= list.length) return [...list];
  const copy = [...list];
  [copy[index], copy[target]] = [copy[target], copy[index]];
  return copy;
}

function patchColumn(state: DraftState, id: string, fn: (column: DraftColumn) => DraftColumn): DraftState {
  return { ...state, columns: state.columns.map((column) => (column.uid === id ? fn(column) : column)) };
}

/** Moves a form field one place, crossing into the neighbouring section at the edges. */
function moveField(sections: DraftSection[], id: string, delta: -1 | 1): DraftSection[] {
  const s = sections.findIndex((section) => section.fields.includes(id));
  if (s < 0) return sections;
  const fields = sections[s].fields;
  const i = fields.indexOf(id);
  const next = sections.map((section) => ({ ...section, fields: [...section.fields] }));
  if (i + delta >= 0 && i + delta < fields.length) {
    next[s].fields = move(fields, i, delta);
  } else if (sections[s + delta]) {
    next[s].fields.splice(i, 1);
    if (delta < 0) next[s - 1].fields.push(id);
    else next[s + 1].fields.unshift(id);
  }
  return next;
}

export function draftReducer(state: DraftState, action: DraftAction): DraftState {
  switch (action.type) {
    case "reset":
      return action.state;
    case "addColumn": {
      const column: DraftColumn = {
        uid: uid("col"),
        key: "",
        label: "",
        type: "text",
        required: false,
        defaultInput: "",
        help_text: "",
        rules: {},
        keyEdited: false,
      };
      const sections = state.sections.map((section, i) =>
        i === state.sections.length - 1 ? { ...section, fields: [...section.fields, column.uid] } : section,
      );
      return { columns: [...state.columns, column], sections };
    }
    case "setLabel":
      return patchColumn(state, action.uid, (column) => {
        if (column.keyEdited) return { ...column, label: action.label };
        const others = state.columns.filter((other) => other.uid !== column.uid).map((other) => other.key);
        return { ...column, label: action.label, key: action.label.trim() ? columnKeyFrom(action.label, others) : "" };
      });
    case "setKey":
      return patchColumn(state, action.uid, (column) => ({ ...column, key: action.key, keyEdited: true }));
    case "setType":
      return patchColumn(state, action.uid, (column) => ({
        ...column,
        type: action.columnType,
        defaultInput: emptyInput({ type: action.columnType }),
        rules: {},
        options: hasOptions(action.columnType) ? (column.options ?? []) : undefined,
        reference: action.columnType === "reference" ? column.reference : undefined,
      }));
    case "patchColumn":
      return patchColumn(state, action.uid, (column) => ({ ...column, ...action.patch }));
    case "moveColumn": {
      const index = state.columns.findIndex((column) => column.uid === action.uid);
      return { ...state, columns: move(state.columns, index, action.delta) };
    }
    case "removeColumn":
      return {
        columns: state.columns.filter((column) => column.uid !== action.uid),
        sections: state.sections.map((section) => ({ ...section, fields: section.fields.filter((id) => id !== action.uid) })),
      };
    case "addSection":
      return { ...state, sections: [...state.sections, { uid: uid("sec"), title: "", fields: [] }] };
    case "renameSection":
      return {
        ...state,
        sections: state.sections.map((section) => (section.uid === action.uid ? { ...section, title: action.title } : section)),
      };
    case "removeSection": {
      const index = state.sections.findIndex((section) => section.uid === action.uid);
      if (index < 0 || state.sections.length < 2) return state;
      const target = index > 0 ? index - 1 : 1;
      const sections = state.sections.map((section, i) =>
        i === target ? { ...section, fields: [...section.fields, ...state.sections[index].fields] } : section,
      );
      return { ...state, sections: sections.filter((_, i) => i !== index) };
    }
    case "moveField":
      return { ...state, sections: moveField(state.sections, action.uid, action.delta) };
    case "hideField":
      return {
        ...state,
        sections: state.sections.map((section) => ({ ...section, fields: section.fields.filter((id) => id !== action.uid) })),
      };
    case "showField": {
      if (state.sections.some((section) => section.fields.includes(action.uid))) return state;
      const last = state.sections.length - 1;
      return {
        ...state,
        sections: state.sections.map((section, i) => (i === last ? { ...section, fields: [...section.fields, action.uid] } : section)),
      };
    }
  }
}

/** Columns the form does not show. */
export function hiddenColumns(state: DraftState): DraftColumn[] {
  const shown = new Set(state.sections.flatMap((section) => section.fields));
  return state.columns.filter((column) => !shown.has(column.uid));
}
