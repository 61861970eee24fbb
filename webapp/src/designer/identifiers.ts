/** Ids made from what people type (a table's name, a button's label), for the BPMN and DMN files and the steps. */

/** The text's letters and digits joined by "_", accents dropped; led by `prefix_` unless it starts with a letter; at most `max` long. */
export function identifierFrom(text: string, prefix: string, max: number): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const id = /^[a-z]/.test(words) ? words : `${prefix}_${words}`.replace(/_+$/, "");
  return id.slice(0, max);
}

/** `id`, else `id_2`, `id_3` and so on: the first one not taken. */
export function firstFree(id: string, taken: (candidate: string) => boolean): string {
  let candidate = id;
  for (let count = 2; taken(candidate); count += 1) candidate = `${id}_${count}`;
  return candidate;
}
