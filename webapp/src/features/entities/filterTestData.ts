/** A grid's filterable columns and one filter tree over them, for the tests of filters and saved views. */
import type { FilterField, FilterJson } from "../../app/records/filters";

export const fields: FilterField[] = [
  { key: "type", label: "Type", type: "choice", options: [{ value: "BOX", label: "Box", color: "blue" }] },
  { key: "qty", label: "Qty", type: "integer" },
  { key: "weight", label: "Weight", type: "decimal" },
  { key: "space", label: "Space", type: "text" },
  { key: "timestamp", label: "Timestamp", type: "datetime" },
  { key: "fragile", label: "Fragile", type: "boolean" },
  { key: "id", label: "ID", type: "reference" },
  { key: "created_at", label: "Created", type: "datetime" },
];

export const berlin = "Europe/Berlin";

/** Eight conditions of every kind, with a nested group, as the API stores them. */
export const tree: FilterJson = {
  and: [
    { column: "qty", op: "gte", value: 10 },
    { column: "weight", op: "between", value: ["1.5", "12.50"] },
    { column: "type", op: "in", value: ["BOX"] },
    {
      or: [
        { column: "space", op: "contains", value: "A" },
        { column: "fragile", op: "eq", value: true },
        { column: "timestamp", op: "within", value: { next: 3 } },
      ],
    },
    { column: "created_at", op: "after", value: "2025-07-01T12:00:00+02:00" },
    { column: "space", op: "empty" },
  ],
};
