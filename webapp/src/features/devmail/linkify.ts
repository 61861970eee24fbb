/** A piece of plain text: either text as it is, or a web address to show as a link. */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/gi;
// Punctuation that ends a sentence rather than the address it follows.
const TRAILING = /[.,;:!?]+$/;

function trimUrl(raw: string): string {
  let url = raw.replace(TRAILING, "");
  // Keep a closing bracket only when the address opened one: "(see https://x.test/a)" → no ")".
  for (const [open, close] of [["(", ")"], ["[", "]"], ["{", "}"]] as const) {
    while (url.endsWith(close) && url.split(open).length < url.split(close).length) {
      url = url.slice(0, -1).replace(TRAILING, "");
    }
  }
  return url;
}

/** Splits text into plain pieces and http(s) addresses, in order; joined, they give the text back. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  const push = (piece: string) => {
    if (!piece) return;
    const previous = parts[parts.length - 1];
    if (previous?.kind === "text") previous.text += piece;
    else parts.push({ kind: "text", text: piece });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    const url = trimUrl(match[0]);
    if (!/^https?:\/\/[^/?#]/i.test(url)) continue;
    push(text.slice(last, start));
    parts.push({ kind: "link", text: url, href: url });
    last = start + url.length;
  }
  push(text.slice(last));
  return parts;
}
